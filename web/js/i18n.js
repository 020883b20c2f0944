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
  pages: ['Pages', 'Sidor'],
  skip: ['Skip to the content', 'Hoppa till innehållet'],
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
  search_label: ['Name or ID', 'Namn eller ID'],
  customers_match: ['{0} customers match', '{0} kunder matchar'],
  customers_match_1: ['1 customer matches', '1 kund matchar'],
  no_match: ['No customer matches: widen the search or the filters.', 'Ingen kund matchar: vidga sökningen eller filtren.'],
  download_csv: ['Download csv', 'Ladda ner csv'],
  download_xlsx: ['Download xlsx', 'Ladda ner xlsx'],
  pages_of: ['Pages of {0}', 'Sidor av {0}'],
  moved_filter: ['Customers that were {0} in categorization {1} and are {2} in categorization {3}.', 'Kunder som var {0} i kategorisering {1} och är {2} i kategorisering {3}.'],
  moved_clear: ['Show all customers', 'Visa alla kunder'],
  not_categorized: ['not categorized', 'inte kategoriserad'],
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
  categories: ['Categories', 'Kategorier'],
  map_server_sampled: ['The server sent every k-th of them.', 'Servern skickade var k:te av dem.'],
  map_sampled: ['Showing every {0}th of the {1} customers in view, so the map stays quick — zoom in to see each one.', 'Visar var {0}:e av de {1} kunderna i bild, så att kartan går snabbt — zooma in för att se alla.'],
  map_all: ['Showing all {0} customers in view.', 'Visar alla {0} kunder i bild.'],
  map_hint: ['Scroll or pinch to zoom, drag to move; click a point to open the customer. The map opens fitted to the customers shown.', 'Scrolla eller nyp för att zooma, dra för att flytta; klicka på en punkt för att öppna kunden. Kartan öppnas anpassad till kunderna som visas.'],
  add_user: ['Add user', 'Lägg till användare'],
  audit_log: ['Audit log', 'Granskningslogg'],
  audit_note: ['Who did what, when and from where: logins, imports, categorizations, overrides, plan changes and user changes. Kept {0} days (fokus audit --keep-days).',
    'Vem gjorde vad, när och varifrån: inloggningar, importer, kategoriseringar, låsningar, planändringar och användarändringar. Sparas i {0} dagar (fokus audit --keep-days).'],
  audit_since: ['From', 'Från'],
  audit_show: ['Show', 'Visa'],
  audit_time: ['Time (UTC)', 'Tid (UTC)'],
  audit_actor: ['Who', 'Vem'],
  audit_address: ['From address', 'Från adress'],
  audit_action: ['Action', 'Händelse'],
  audit_detail: ['What', 'Vad'],
  audit_none: ['No entries.', 'Inga poster.'],
  audit_latest: ['The latest {0} entries.', 'De senaste {0} posterna.'],
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
  migration_table: ['Customers per category, before and after', 'Kunder per kategori, före och efter'],
  mig_summary: ['{0} customers moved, {1} stayed, {2} new, {3} gone.', '{0} kunder flyttade, {1} stod kvar, {2} nya, {3} borta.'],
  flow_title: ['The movement as a flow', 'Förflyttningarna som flöde'],
  flow_stayed: ['Include the customers who stayed', 'Ta med kunderna som stod kvar'],
  flow_hint: ['Left: the category in the earlier categorization; right: in the later one. Click a band, or a number in the table, for its customers.', 'Vänster: kategorin i den tidigare kategoriseringen; höger: i den senare. Klicka på ett band, eller ett tal i tabellen, för dess kunder.'],
  flow_none: ['No customer moved.', 'Ingen kund flyttade.'],
  flow_click: ['Click for these customers', 'Klicka för de här kunderna'],
  flow_label: ['{0} customers from {1} to {2}', '{0} kunder från {1} till {2}'],
  flow_aria: ['Flow of the movement: {0} customers moved, {1} new, {2} gone; the table beside it holds the numbers.', 'Flöde över förflyttningarna: {0} kunder flyttade, {1} nya, {2} borta; tabellen bredvid har talen.'],
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
  kind_auto: ['Tell from the columns', 'Avgör från kolumnerna'],
  kind_detected: ['The columns say this file holds: {0}. If not, choose another above.', 'Kolumnerna säger att filen innehåller: {0}. Om inte, välj en annan ovan.'],
  kind_given: ['Read as: {0}.', 'Läst som: {0}.'],
  kind_unknown: ['The columns do not tell what the file holds: choose it above.', 'Kolumnerna visar inte vad filen innehåller: välj ovan.'],
  import_drop: ['Drop a file here', 'Släpp en fil här'],
  import_choose: ['or choose a file', 'eller välj en fil'],
  import_chosen: ['{0} ({1})', '{0} ({1})'],
  import_check_again: ['Check again', 'Kontrollera igen'],
  import_uploading: ['Sending {0}', 'Skickar {0}'],
  import_pass_formats: ['checking the columns\u2019 formats', 'kontrollerar kolumnernas format'],
  import_pass_reading: ['reading the rows', 'läser raderna'],
  import_pass_storing: ['storing the rows', 'sparar raderna'],
  import_rows_progress: ['about {0} of about {1} rows', 'cirka {0} av cirka {1} rader'],
  import_confirm_n: ['Import {0} rows as {1}', 'Importera {0} rader som {1}'],
  noun_customers: ['customers', 'kunder'],
  noun_orders: ['orders', 'order'],
  noun_activities: ['activities', 'aktiviteter'],
  noun_sellers: ['sellers', 'säljare'],
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
  latest_2_short: ['latest 2 weeks', 'senaste 2 v.'],
  heat_hint: ['Meetings booked per seller and ISO week: the darker, the more. A ring marks each seller\u2019s best week; the dashed frame, the latest two weeks.', 'Bokade möten per säljare och ISO-vecka: ju mörkare, desto fler. En ring visar varje säljares bästa vecka; den streckade ramen de senaste två veckorna.'],
  no_bookings: ['No meetings were booked in the period.', 'Inga möten bokades under perioden.'],
  team_line: ['The team, week by week', 'Teamet, vecka för vecka'],
  team_latest: ['The team booked {0} meetings in the latest two weeks', 'Teamet bokade {0} möten de senaste två veckorna'],
  best_in_weeks: ['best in {0} weeks', 'bäst på {0} veckor'],
  best_of_period: ['best of the period', 'bäst under perioden'],
  average: ['average', 'snitt'],
  week: ['Week', 'Vecka'],
  uncontacted_count: ['{0} customers had no contact in the period', '{0} kunder hade ingen kontakt under perioden'],
  meetings: ['Meetings', 'Möten'],
  uncontacted_title: ['Customers without any contact in the period', 'Kunder utan någon kontakt under perioden'],
  uncontacted_none: ['Every customer was contacted.', 'Alla kunder har kontaktats.'],
  last_contact: ['Last contact', 'Senaste kontakt'],
  of: ['{0} of {1}', '{0} av {1}'],
  srole_farmer: ['farmer', 'förvaltare'],
  srole_hunter: ['hunter', 'jägare'],
  srole_service: ['customer service', 'kundtjänst'],
  plan_title: ['Coverage plan', 'Täckningsplan'],
  plan_kpi_hours: ['Team\u2019s hours used', 'Teamets timmar som används'],
  plan_kpi_hours_note: ['{0} of {1} h a year', '{0} av {1} h om året'],
  plan_kpi_moves: ['Customers changing owner', 'Kunder som byter ansvarig'],
  plan_kpi_moves_note: ['{0} because the method says so', '{0} för att metoden säger så'],
  plan_kpi_value: ['Expected a year with the plan', 'Förväntat per år med planen'],
  plan_kpi_value_note: ['{0} today → {1}', '{0} i dag → {1}'],
  plan_kpi_coverage: ['Of the full policy the team carries', 'Av hela policyn som teamet klarar'],
  plan_kpi_farmer: ['One more farmer would add a year', 'En förvaltare till ger per år'],
  plan_load: ['Load against capacity per person (hours a year)', 'Belastning mot kapacitet per person (timmar om året)'],
  plan_load_col: ['Load', 'Beläggning'],
  plan_km_year: ['km a year', 'km om året'],
  plan_compactness: ['Compactness', 'Kompakthet'],
  plan_value_hour: ['Value of an hour', 'Värde per timme'],
  plan_changes: ['What changes for how many customers, and why', 'Vad som ändras för hur många kunder, och varför'],
  plan_value: ['Value today against the plan', 'Värde i dag mot planen'],
  plan_value_today: ['Value today', 'Värde i dag'],
  plan_value_plan: ['Value planned', 'Värde enligt plan'],
  plan_below: ['Below the policy', 'Under policyn'],
  plan_range: ['The plan\u2019s expected value lies between {0} and {1} (the middle 80 % of the fit\u2019s uncertainty).', 'Planens förväntade värde ligger mellan {0} och {1} (de mittersta 80 % av anpassningens osäkerhet).'],
  plan_headcount: ['What headcount is worth', 'Vad bemanning är värd'],
  plan_headcount_hint: ['Needed for the full policy = its hours / hours per person. 100 more hours and one more person: what the plan would add with them, a year.', 'Behövs för hela policyn = dess timmar / timmar per person. 100 timmar till och en person till: vad planen skulle ge med dem, per år.'],
  plan_needed_policy: ['Needed for the full policy', 'Behövs för hela policyn'],
  plan_plus100: ['100 more hours', '100 timmar till'],
  plan_one_more: ['One more person', 'En person till'],
  plan_worth_adding: ['Worth adding', 'Lönar sig att anställa'],
  plan_response: ['How revenue answers to contact', 'Hur omsättningen svarar på kontakt'],
  plan_response_hint: ['CALLPLAN\u2019s four points, as shares of today\u2019s revenue: with no visits, half today\u2019s, 50 % more, at saturation. Set your own with fokus policy response set.', 'CALLPLANs fyra punkter, i andel av dagens omsättning: utan besök, med hälften av dagens, 50 % fler, vid mättnad. Ange egna med fokus policy response set.'],
  plan_source: ['Source', 'Källa'],
  plan_source_fit: ['fitted to the history', 'anpassad till historiken'],
  plan_source_judgement: ['the manager\u2019s judgement', 'säljchefens bedömning'],
  plan_source_default: ['the method\u2019s default', 'metodens standard'],
  plan_no_visits: ['No visits', 'Inga besök'],
  plan_half: ['Half', 'Hälften'],
  plan_more: ['+50 %', '+50 %'],
  plan_saturation: ['Saturation', 'Mättnad'],
  plan_customers: ['Every customer', 'Alla kunder'],
  plan_search: ['Search customer, person or city', 'Sök kund, person eller ort'],
  plan_channel: ['Channel', 'Kanal'],
  plan_all_csv: ['The whole plan (csv)', 'Hela planen (csv)'],
  plan_all_xlsx: ['The whole plan (xlsx)', 'Hela planen (xlsx)'],
  map_colour: ['Colour by', 'Färg efter'],
  map_by_category: ['category', 'kategori'],
  map_by_person: ['responsible person in the plan', 'ansvarig enligt planen'],
  hours_plan: ['Planned hours', 'Planerade timmar'],
  capacity_hours: ['Capacity', 'Kapacitet'],
  calls: ['Calls', 'Samtal'],
  available: ['Available', 'Finns'],
  visits_today: ['Visits today', 'Besök i dag'],
  visits_plan: ['Visits planned', 'Planerade besök'],
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
