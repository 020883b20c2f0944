// i18n.js — Swedish and English: the words of the pages, and numbers, money,
// percentages and dates formatted the way each language writes them
// (Swedish: 1 234 567 kr, 3,5, 62 %, 2025-06-01).

const S = {
  app: ['fokus', 'fokus'],
  login: ['Log in', 'Logga in'],
  logout: ['Log out', 'Logga ut'],
  user: ['User', 'Användare'],
  password: ['Password', 'Lösenord'],
  login_failed: ['Wrong user name or password.', 'Fel användarnamn eller lösenord.'],
  login_wait: ['Too many wrong passwords. Wait {0} s and try again.', 'För många felaktiga lösenord. Vänta {0} s och försök igen.'],
  overview: ['Overview', 'Översikt'],
  customers: ['Customers', 'Kunder'],
  customer: ['Customer', 'Kund'],
  sellers: ['Sellers', 'Säljare'],
  seller: ['Seller', 'Säljare'],
  activity: ['Activity', 'Aktivitet'],
  plan: ['Plan', 'Plan'],
  history: ['History', 'Historik'],
  import: ['Import', 'Import'],
  map: ['Map', 'Karta'],
  users: ['Users', 'Användare'],
  category: ['Category', 'Kategori'],
  computed_category: ['Computed', 'Beräknad'],
  revenue: ['Revenue', 'Omsättning'],
  potential: ['Potential', 'Potential'],
  share: ['Share', 'Andel'],
  count: ['Customers', 'Kunder'],
  total: ['Total', 'Totalt'],
  name: ['Name', 'Namn'],
  id: ['ID', 'ID'],
  city: ['City', 'Ort'],
  role: ['Role', 'Roll'],
  all: ['All', 'Alla'],
  none: ['—', '—'],
  no_owner: ['No owner', 'Ingen ansvarig'],
  search: ['Search name or ID', 'Sök namn eller ID'],
  no_snapshot: ['No categorization yet: import data and run "fokus categorize" (or save one here).',
    'Ingen kategorisering ännu: importera data och kör "fokus categorize" (eller spara en här).'],
  snapshot: ['Categorization', 'Kategorisering'],
  as_of: ['as of', 'per'],
  method: ['method', 'metod'],
  col_as_of: ['As of', 'Per'],
  col_method: ['Method', 'Metod'],
  thresholds: ['Thresholds', 'Gränser'],
  revenue_threshold: ['Revenue threshold', 'Omsättningsgräns'],
  potential_threshold: ['Potential threshold', 'Potentialgräns'],
  drag_hint: ['Drag the dashed lines to try other thresholds; the counts follow live (simple ≥ rule, without the stability margin and overrides are kept).',
    'Dra de streckade linjerna för att pröva andra gränser; antalen följer direkt (enkel ≥-regel, utan stabilitetsmarginal; manuella kategorier behålls).'],
  live: ['With these thresholds', 'Med dessa gränser'],
  stored: ['Stored', 'Sparat'],
  change: ['Change', 'Ändring'],
  reset: ['Reset', 'Återställ'],
  save_categorization: ['Save as new categorization', 'Spara som ny kategorisering'],
  saved: ['Saved as categorization {0}.', 'Sparad som kategorisering {0}.'],
  kpi_customers: ['Customers', 'Kunder'],
  kpi_revenue: ['Revenue', 'Omsättning'],
  kpi_potential: ['Potential', 'Potential'],
  kpi_key: ['Key accounts (1)', 'Nyckelkunder (1)'],
  per_page: ['{0}–{1} of {2}', '{0}–{1} av {2}'],
  prev: ['Previous', 'Föregående'],
  next: ['Next', 'Nästa'],
  not_found: ['Not found.', 'Hittades inte.'],
  monthly_revenue: ['Revenue per month', 'Omsättning per månad'],
  contacts: ['Contacts', 'Kontakter'],
  no_contacts: ['No contacts recorded.', 'Inga kontakter registrerade.'],
  no_orders: ['No order lines for this customer.', 'Inga orderrader för den här kunden.'],
  category_history: ['Category history', 'Kategorihistorik'],
  override: ['Override the category', 'Sätt kategori manuellt'],
  override_reason: ['Reason', 'Motivering'],
  override_save: ['Pin category', 'Lås kategori'],
  override_done: ['Category pinned.', 'Kategorin är låst.'],
  override_note: ['Pinned: {0}', 'Låst: {0}'],
  date: ['Date', 'Datum'],
  time: ['Time', 'Tid'],
  type: ['Type', 'Typ'],
  duration: ['Minutes', 'Minuter'],
  orders: ['Orders', 'Order'],
  details: ['Details', 'Uppgifter'],
  phone: ['Phone', 'Telefon'],
  email: ['E-mail', 'E-post'],
  industry: ['Industry', 'Bransch'],
  postal_code: ['Postal code', 'Postnummer'],
  potential_source: ['Potential source', 'Potentialkälla'],
  call_list: ['Call list (csv)', 'Ringlista (csv)'],
  portfolio: ['Customers per seller and category', 'Kunder per säljare och kategori'],
  portfolio_revenue: ['Revenue per seller and category', 'Omsättning per säljare och kategori'],
  hours: ['Hours/year', 'Timmar/år'],
  map_title: ['Customers and sellers\u2019 homes', 'Kunder och säljarnas hemorter'],
  home: ['Home', 'Hem'],
  located: ['{0} of {1} customers have a location.', '{0} av {1} kunder har en position.'],
  add_user: ['Add user', 'Lägg till användare'],
  remove: ['Remove', 'Ta bort'],
  created: ['Created', 'Skapad'],
  seller_id: ['Seller ID', 'Säljar-ID'],
  error: ['Error: {0}', 'Fel: {0}'],
  loading: ['Loading…', 'Laddar…'],
  language: ['Svenska', 'English'],
  role_admin: ['admin', 'administratör'],
  role_manager: ['manager', 'chef'],
  role_seller: ['seller', 'säljare'],
  role_service: ['customer service', 'kundtjänst'],
  not_yet: ['This page needs a part of fokus that is not in this build yet.', 'Den här sidan behöver en del av fokus som inte finns i den här versionen ännu.'],
  migration: ['Movements between categorizations', 'Förflyttningar mellan kategoriseringar'],
  migration_need_two: ['Two categorizations are needed to compare.', 'Det behövs två kategoriseringar att jämföra.'],
  migration_hint: ['Rows: category in the earlier categorization; columns: in the later one. The diagonal stayed.',
    'Rader: kategori i den tidigare kategoriseringen; kolumner: i den senare. Diagonalen stod kvar.'],
  from_to: ['From \u2193 to \u2192', 'Från \u2193 till \u2192'],
  from: ['From', 'Från'],
  to: ['To', 'Till'],
  gone: ['Gone', 'Borta'],
  new_customers: ['New customers', 'Nya kunder'],
  snapshots: ['Categorizations', 'Kategoriseringar'],
  margin: ['margin', 'täckningsbidrag'],
  import_title: ['Import files', 'Importera filer'],
  import_kind: ['What the file holds', 'Vad filen innehåller'],
  kind_customers: ['Customers', 'Kunder'],
  kind_orders: ['Orders (invoice lines)', 'Order (fakturarader)'],
  kind_activities: ['Activities (CRM log)', 'Aktiviteter (CRM-logg)'],
  kind_sellers: ['Sellers', 'Säljare'],
  import_file: ['File (csv, txt, xlsx)', 'Fil (csv, txt, xlsx)'],
  import_sheet: ['Sheet (xlsx, optional)', 'Flik (xlsx, valfritt)'],
  import_skip: ['Store the good rows and skip the bad ones', 'Spara de bra raderna och hoppa över de felaktiga'],
  import_replace: ['Replace every earlier row of this kind', 'Ersätt alla tidigare rader av detta slag'],
  import_check: ['Check the file', 'Kontrollera filen'],
  import_confirm: ['Import', 'Importera'],
  import_checking: ['Checking…', 'Kontrollerar…'],
  import_importing: ['Importing…', 'Importerar…'],
  detected: ['Detected', 'Upptäckt'],
  columns: ['Columns', 'Kolumner'],
  column_in_file: ['Column in the file', 'Kolumn i filen'],
  field: ['fokus field', 'fokus-fält'],
  unmapped: ['— (kept as an attribute)', '— (sparas som attribut)'],
  unmapped_other: ['— (not used)', '— (används inte)'],
  first_rows: ['First rows', 'Första raderna'],
  line: ['Line', 'Rad'],
  rejected_rows: ['Rejected rows', 'Avvisade rader'],
  rows_read: ['Rows read', 'Lästa rader'],
  rows_rejected: ['Rows rejected', 'Avvisade rader'],
  check_ok: ['The file is fine: {0} rows can be imported.', 'Filen är bra: {0} rader kan importeras.'],
  check_bad: ['{0} of {1} rows were rejected. Fix the file, or import the good rows only.', '{0} av {1} rader avvisades. Rätta filen, eller importera bara de bra raderna.'],
  duplicate: ['This file was imported before (batch {0}).', 'Den här filen har importerats tidigare (omgång {0}).'],
  imported: ['Imported: {0} rows stored (batch {1}).', 'Importerat: {0} rader sparade (omgång {1}).'],
  customers_created: ['Customers created from IDs', 'Kunder skapade från ID'],
  customers_updated: ['Existing rows updated', 'Befintliga rader uppdaterade'],
  customers_located: ['Located by postal code', 'Placerade via postnummer'],
  amount_total: ['Amount total', 'Belopp totalt'],
  categorize_now: ['Categorize now (default options)', 'Kategorisera nu (standardval)'],
  categorize_again: ['Categorize again with the default options', 'Kategorisera om med standardvalen'],
  visits_by_category: ['Field visits per seller and category', 'Besök per säljare och kategori'],
  contact_share: ['Contact time as a share of working time', 'Kundtid som andel av arbetstiden'],
  workload: ['Workload against capacity (hours in the period)', 'Arbetsbelastning mot kapacitet (timmar under perioden)'],
  visit_hours: ['Visits incl. travel', 'Besök inkl. restid'],
  contact_hours: ['Contact time', 'Kundtid'],
  capacity: ['Working time', 'Arbetstid'],
  cat3_share: ['Visits to category 3', 'Besök hos kategori 3'],
  visits: ['Visits', 'Besök'],
  period: ['Period {0} – {1}', 'Period {0} – {1}'],
  no_analysis: ['No activity diagnosis: {0}', 'Ingen aktivitetsanalys: {0}'],
  findings: ['Findings', 'Iakttagelser'],
  at_stake: ['at stake', 'står på spel'],
  bookings_title: ['Meetings booked per week', 'Bokade möten per vecka'],
  team: ['Team', 'Teamet'],
  per_week: ['Per week', 'Per vecka'],
  best_week: ['Best week', 'Bästa vecka'],
  latest_2: ['Latest 2 weeks', 'Senaste 2 veckorna'],
  meetings: ['Meetings', 'Möten'],
  uncontacted_title: ['Customers without any contact in the period', 'Kunder utan någon kontakt under perioden'],
  uncontacted_none: ['Every customer was contacted.', 'Alla kunder har kontaktats.'],
  last_contact: ['Last contact', 'Senaste kontakt'],
  of: ['{0} of {1}', '{0} av {1}'],
  srole_farmer: ['farmer', 'förvaltare'],
  srole_hunter: ['hunter', 'jägare'],
  srole_service: ['customer service', 'kundtjänst'],
  plan_title: ['Coverage plan', 'Täckningsplan'],
  plan_summary: ['{0} customers: {1} kept, {2} moved, {3} newly assigned, {4} not placed.', '{0} kunder: {1} behålls, {2} flyttas, {3} får ny ansvarig, {4} placeras inte.'],
  workload_plan: ['Workload under the plan (hours per year)', 'Arbetsbelastning enligt planen (timmar per år)'],
  hours_plan: ['Planned hours', 'Planerade timmar'],
  capacity_hours: ['Capacity', 'Kapacitet'],
  kept: ['Kept', 'Behålls'],
  gained: ['Gained', 'Får'],
  lost: ['Lost', 'Lämnar'],
  calls: ['Calls', 'Samtal'],
  travel_hours: ['Travel hours', 'Restid (h)'],
  over_capacity: ['over capacity', 'över kapacitet'],
  headcount: ['Headcount', 'Bemanning'],
  needed: ['Needed', 'Behövs'],
  available: ['Available', 'Finns'],
  whatif: ['What-if: today against the plan', 'Tänk om: i dag mot planen'],
  visits_today: ['Visits today', 'Besök i dag'],
  visits_plan: ['Visits planned', 'Planerade besök'],
  field_hours_today: ['Field hours today', 'Fälttimmar i dag'],
  field_hours_plan: ['Field hours planned', 'Planerade fälttimmar'],
  value_effect: ['Order value effect (estimate)', 'Effekt på ordervärde (uppskattning)'],
  moves: ['Moves', 'Flyttar'],
  moves_only: ['Only customers that change hands', 'Bara kunder som byter ansvarig'],
  from_seller: ['From', 'Från'],
  to_seller: ['To', 'Till'],
  reason: ['Reason', 'Skäl'],
  downloads: ['Downloads (from the plan)', 'Nedladdningar (från planen)'],
  calls_csv: ['call list csv', 'ringlista csv'],
  calls_xlsx: ['call list xlsx', 'ringlista xlsx'],
  visits_ics: ['visit calendar', 'besökskalender'],
  newsletter: ['Newsletter list (csv)', 'Nyhetsbrevslista (csv)'],
  notes: ['Notes', 'Anmärkningar'],
  week_title: ['A seller\u2019s coming days', 'En säljares kommande dagar'],
  week_plan: ['Plan the days', 'Planera dagarna'],
  week_planning: ['Planning…', 'Planerar…'],
  leave: ['Leave', 'Åker'],
  back: ['Back', 'Tillbaka'],
  km: ['km', 'km'],
  drive: ['Driving (min)', 'Körning (min)'],
  stops: ['Stops', 'Besök i ordning'],
  unserved: ['Due but not planned', 'Förfallna men inte planerade'],
  week_totals: ['{0} of {1} due visits planned, {2} km.', '{0} av {1} förfallna besök planerade, {2} km.'],
  type_visit: ['visit', 'besök'],
  type_phone: ['phone', 'telefon'],
  type_email: ['e-mail', 'e-post'],
  type_meeting: ['meeting', 'möte'],
  type_meeting_booked: ['meeting booked', 'bokat möte'],
  type_newsletter: ['newsletter', 'nyhetsbrev'],
  type_other: ['other', 'annat'],
};

const CATS = {
  '1': ['Category 1 (key account)', 'Kategori 1'],
  '2R': ['Category 2 revenue', 'Kategori 2 omsättning'],
  '2P': ['Category 2 potential', 'Kategori 2 potential'],
  '3': ['Category 3', 'Kategori 3'],
};
export const CATEGORY_CODES = ['1', '2R', '2P', '3'];
export const CATEGORY_COLORS = { '1': '#2a9d8f', '2R': '#457b9d', '2P': '#e9a23b', '3': '#a8b0ba' };

function initial() {
  try {
    const saved = localStorage.getItem('fokus.lang');
    if (saved === 'sv' || saved === 'en') return saved;
  } catch { /* storage may be off */ }
  return (navigator.language || '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export let lang = initial();

export function setLang(l) {
  lang = l === 'sv' ? 'sv' : 'en';
  try { localStorage.setItem('fokus.lang', lang); } catch { /* ignore */ }
  document.documentElement.lang = lang;
}

// Pages with many words of their own add them here (keeps this table short).
export function addStrings(more) { Object.assign(S, more); }

export function t(key, ...args) {
  const e = S[key];
  let s = e ? e[lang === 'sv' ? 1 : 0] : key;
  args.forEach((a, i) => { s = s.replace('{' + i + '}', String(a)); });
  return s;
}

export function catLabel(code) {
  const e = CATS[code];
  return e ? e[lang === 'sv' ? 1 : 0] : (code || '—');
}

export function roleLabel(r) { return t('role_' + r); }
export function typeLabel(ty) { return S['type_' + ty] ? t('type_' + ty) : ty; }

const locale = () => (lang === 'sv' ? 'sv-SE' : 'en-GB');

// Whole currency units: sv "1 234 567 kr", en "1,234,567" (as the CLI prints).
export function fmtMoney(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const s = new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(Math.round(v));
  return lang === 'sv' ? s + ' kr' : s;
}

export function fmtInt(v) {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(v);
}

export function fmtNum(v, d = 1) {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
}

// 0.62 → sv "62 %", en "62%".
export function fmtPct(frac, d = 0) {
  if (frac === null || frac === undefined || !Number.isFinite(frac)) return '—';
  const n = new Intl.NumberFormat(locale(), { minimumFractionDigits: d, maximumFractionDigits: d }).format(frac * 100);
  return lang === 'sv' ? n + '\u00a0%' : n + '%';
}

// "2025-06-01" → sv "2025-06-01", en "1 Jun 2025".
export function fmtDate(iso) {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (lang === 'sv') return m[0];
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

// "2025-03" → sv "mars 2025", en "Mar 2025".
export function fmtMonth(ym) {
  const m = /^(\d{4})-(\d{2})/.exec(ym || '');
  if (!m) return ym || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, 1));
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}
