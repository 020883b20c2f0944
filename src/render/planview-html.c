/* planview-html.c — the coverage plan as one html page: cards, the load
 * per person, the changes, and the searchable customer table (rows
 * embedded as JSON). */
#include "render/planview.h"
#include "render/planview-int.h"
#include "render/html.h"
#include "render/table.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- the html page --------------------------------------------------------- */

/* The customer table of the page: a searchable, paged view over the rows
 * embedded as JSON (12 fields each), and a csv download of all of them.
 * Words come from the page's own tables, never codes. */
static const char page_script[] =
    "(function(){\n"
    "var D=JSON.parse(document.getElementById('plan-data').textContent);\n"
    "var rows=D.rows,per=50,page=0,shown=rows;\n"
    "var q=document.getElementById('plan-q'),tb=document.getElementById('plan-rows');\n"
    "var cnt=document.getElementById('plan-count'),pg=document.getElementById('plan-page');\n"
    "function money(v){return v.toLocaleString(D.locale,{maximumFractionDigits:0});}\n"
    "function num(v){return v.toLocaleString(D.locale,{maximumFractionDigits:1});}\n"
    "function txt(r){return [r[0],r[1],D.cats[r[2]+1],r[3],r[4],D.reasons[r[5]],D.channels[r[6]]]"
    ".join(' ').toLowerCase();}\n"
    "function cell(tr,t,right){var td=document.createElement('td');td.textContent=t;"
    "if(right)td.className='r';tr.appendChild(td);return td;}\n"
    "function badge(tr,k){var td=cell(tr,'');if(k<0)return;var b=document.createElement('span');"
    "b.className='fk-badge fk-cat-'+D.codes[k];b.textContent=D.codes[k];b.title=D.cats[k+1];"
    "td.appendChild(b);}\n"
    "function draw(){tb.textContent='';var a=page*per,b=Math.min(a+per,shown.length);\n"
    " for(var i=a;i<b;i++){var r=shown[i],tr=document.createElement('tr');\n"
    "  cell(tr,r[0]);cell(tr,r[1]);badge(tr,r[2]);cell(tr,r[3]);cell(tr,r[4]);\n"
    "  "
    "cell(tr,D.reasons[r[5]]);cell(tr,D.channels[r[6]]);cell(tr,num(r[7]),1);cell(tr,num(r[8]),1);"
    "\n"
    "  cell(tr,num(r[9]),1);cell(tr,money(r[10]),1);cell(tr,money(r[11]),1);tb.appendChild(tr);}\n"
    " cnt.textContent=D.of.replace('%1',shown.length?a+1:0).replace('%2',b).replace('%3',shown."
    "length);\n"
    " pg.textContent=(page+1)+' / '+Math.max(1,Math.ceil(shown.length/per));}\n"
    "q.addEventListener('input',function(){var s=q.value.trim().toLowerCase();"
    "shown=s?rows.filter(function(r){return txt(r).indexOf(s)>=0;}):rows;page=0;draw();});\n"
    "document.getElementById('plan-prev').addEventListener('click',function(){if(page>0){page--;"
    "draw();}});\n"
    "document.getElementById('plan-next').addEventListener('click',function(){"
    "if((page+1)*per<shown.length){page++;draw();}});\n"
    "document.getElementById('plan-csv').addEventListener('click',function(){\n"
    " function esc(v){v=String(v);return /[\",\\n]/.test(v)?'\"'+v.replace(/\"/g,'\"\"')+'\"':v;}\n"
    " var out=[D.head.map(esc).join(',')];\n"
    " rows.forEach(function(r){out.push([r[0],r[1],D.cats[r[2]+1],r[3],r[4],D.reasons[r[5]],"
    "D.channels[r[6]],r[7],r[8],r[9],r[10],r[11]].map(esc).join(','));});\n"
    " var blob=new Blob(['\\ufeff'+out.join('\\r\\n')+'\\r\\n'],{type:'text/csv;charset=utf-8'});\n"
    " var a=document.createElement('a');a.href=URL.createObjectURL(blob);a.download='plan.csv';"
    "document.body.appendChild(a);a.click();a.remove();});\n"
    "draw();})();\n";

static const char page_css[] =
    ".pv-bar{position:relative;background:#e6eaef;border-radius:4px;height:14px;min-width:120px}\n"
    ".pv-bar span{position:absolute;left:0;top:0;bottom:0;border-radius:4px;background:#2a9d8f}\n"
    ".pv-bar span.over{background:#c0392b}\n"
    ".pv-bar i{position:absolute;left:83.3%;top:-3px;bottom:-3px;border-left:2px solid #1d232b}\n"
    ".pv-list li{margin:.35em 0}\n"
    "#plan-customers td{white-space:nowrap}#plan-customers td:nth-child(2){white-space:normal;"
    "min-width:12em}\n"
    ".pv-pager{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}\n"
    ".pv-pager button{font:inherit;padding:4px 12px;border:1px solid #c4cbd3;background:#fff;"
    "border-radius:6px;cursor:pointer}\n"
    "@media (max-width:640px){main{padding:12px}section{padding:14px}"
    ".fk-filter input{min-width:0;width:100%}}\n";

#define PAGE_COLS 12

/* The headings of the page's customer table (and of its csv download). */
static void page_heads(enum lang lang, const char **h)
{
	static const char *const en[PAGE_COLS] = {
	    "Customer", "Name",      "Category", "From",     "To",          "Why",
	    "Channel",  "Visits/yr", "Calls/yr", "Hours/yr", "Value today", "Value planned"};
	static const char *const sv[PAGE_COLS] = {
	    "Kund",  "Namn",     "Kategori",  "Från",      "Till",        "Varför",
	    "Kanal", "Besök/år", "Samtal/år", "Timmar/år", "Värde i dag", "Värde enligt plan"};
	for (int k = 0; k < PAGE_COLS; k++)
		h[k] = lang == LANG_SV ? sv[k] : en[k];
}

static void table_html(FILE *f, const char *id, const struct planview_table *t, enum lang lang)
{
	char *align = xcalloc((size_t)t->ncols + 1, 1);
	for (int c = 0; c < t->ncols; c++) {
		enum planview_kind k = PV_TEXT;
		for (size_t r = 0; r < t->nrows && k == PV_TEXT; r++)
			if (pv_cell(t, r, c)->kind != PV_EMPTY)
				k = pv_cell(t, r, c)->kind;
		align[c] = k == PV_NUM || k == PV_MONEY ? 'r' : 'l';
	}
	fputs("<div class=\"fk-wrap\">", f);
	html_table_begin(f, id, (const char *const *)t->head, t->ncols, align, NULL);
	char buf[64];
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (int c = 0; c < t->ncols; c++) {
			const struct planview_cell *x = pv_cell(t, r, c);
			if (x->kind == PV_NUM || x->kind == PV_MONEY)
				html_td_num(f, x->num, pv_human(x, buf, sizeof(buf), lang));
			else
				html_td(f, pv_human(x, buf, sizeof(buf), lang), align[c]);
		}
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
	fputs("</div>\n", f);
	free(align);
}

static void cards(FILE *f, const struct plan_result *r, enum lang lang)
{
	char a[64], b[64], b2[64], c[160];
	double cap, h = pv_total_hours(r, &cap);
	int moved = 0;
	for (int k = 0; k < PR_COUNT; k++)
		moved += r->moves[k];
	html_cards_begin(f);
	fmt_pct(a, sizeof(a), cap > 0 ? h / cap : 0, 0, lang);
	snprintf(c, sizeof(c), TR(lang, "%s of %s h", "%s av %s h"),
	         fmt_num(b, sizeof(b), h, 0, lang), fmt_num(b2, sizeof(b2), cap, 0, lang));
	html_card(f, TR(lang, "Team's hours used", "Teamets timmar som används"), a, c, NULL);
	fmt_int(a, sizeof(a), moved, lang);
	snprintf(c, sizeof(c), TR(lang, "%s by the method", "%s enligt metoden"),
	         fmt_int(b, sizeof(b), r->moves[PR_ROLE], lang));
	html_card(f, TR(lang, "Customers changing owner", "Kunder som byter ansvarig"), a, c, NULL);
	pv_signed_money(a, sizeof(a), r->value.plan - r->value.today, lang);
	snprintf(c, sizeof(c), "%s → %s", pv_money_words(b, sizeof(b), r->value.today, lang),
	         pv_money_words(b2, sizeof(b2), r->value.plan, lang));
	html_card(f, TR(lang, "Expected a year with the plan", "Förväntat per år med planen"), a, c,
	          "#2a9d8f");
	fmt_pct(a, sizeof(a), r->coverage.share, 0, lang);
	html_card(
	    f, TR(lang, "Of the full policy the team carries", "Av hela policyn som teamet klarar"),
	    a, NULL, NULL);
	const struct plan_headcount *fh = &r->headcount[ROLE_FARMER];
	if (fh->available) {
		pv_money_words(a, sizeof(a), fh->one_more, lang);
		html_card(
		    f,
		    TR(lang, "One more farmer would add a year", "En förvaltare till ger per år"),
		    a, NULL, NULL);
	}
	html_cards_end(f);
}

static void load_section(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                         enum lang lang)
{
	const char *head[] = {TR(lang, "Person", "Person"),
	                      TR(lang, "Role", "Roll"),
	                      TR(lang, "Load", "Beläggning"),
	                      TR(lang, "Hours / capacity", "Timmar / kapacitet"),
	                      TR(lang, "Customers", "Kunder"),
	                      TR(lang, "Visits/yr", "Besök/år"),
	                      TR(lang, "Calls/yr", "Samtal/år"),
	                      TR(lang, "km/yr", "km/år"),
	                      TR(lang, "Compactness", "Kompakthet")};
	char a[32], b[32], pc[32], c[128];
	fputs("<div class=\"fk-wrap\">", f);
	html_table_begin(f, "plan-load", head, 9, "llllrrrrr", NULL);
	for (size_t s = 0; s < r->nperson; s++) {
		const struct plan_person *p = &r->person[s];
		double w = p->load > 1.2 ? 1.2 : p->load;
		fputs("<tr>", f);
		snprintf(c, sizeof(c), "%s %s", in->ds.sellers[s].id,
		         pv_seller_name(in, (int32_t)s));
		html_td(f, c, 'l');
		html_td(f, role_label(p->role, lang), 'l');
		fprintf(f,
		        "<td data-v=\"%.4f\"><div class=\"pv-bar\"><span%s "
		        "style=\"width:%.1f%%\"></span><i></i></div></td>",
		        p->load, p->over ? " class=\"over\"" : "", 100 * w / 1.2);
		snprintf(c, sizeof(c), "%s / %s (%s)", fmt_num(a, sizeof(a), p->hours, 0, lang),
		         fmt_num(b, sizeof(b), p->capacity_hours, 0, lang),
		         fmt_pct(pc, sizeof(pc), p->load, 0, lang));
		html_td(f, c, 'l');
		html_td_num(f, p->customers, fmt_int(a, sizeof(a), p->customers, lang));
		html_td_num(f, p->visits, fmt_num(a, sizeof(a), p->visits, 0, lang));
		html_td_num(f, p->calls, fmt_num(a, sizeof(a), p->calls, 0, lang));
		html_td_num(f, p->km_year, fmt_num(a, sizeof(a), p->km_year, 0, lang));
		if (p->compactness >= 0)
			html_td_num(f, p->compactness,
			            fmt_pct(a, sizeof(a), p->compactness, 0, lang));
		else
			html_td(f, "", 'r');
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
	fputs("</div>\n", f);
}

static void changes_section(FILE *f, const struct plan_result *r, enum lang lang)
{
	const char *head[] = {TR(lang, "Why", "Varför"), TR(lang, "Customers", "Kunder")};
	char a[32];
	html_table_begin(f, "plan-moves", head, 2, "lr", NULL);
	for (int k = 0; k < PR_COUNT; k++) {
		int n = k == PR_KEPT       ? r->kept
		        : k == PR_NO_OWNER ? r->newly - r->moves[PR_OWNER_UNKNOWN]
		                           : r->moves[k];
		if (k == PR_NO_ROLE || k == PR_NO_CATEGORY) {
			n = 0;
			for (size_t c = 0; c < r->nassign; c++)
				n += r->assign[c].reason == k;
		}
		if (!n)
			continue;
		fputs("<tr>", f);
		html_td(f, plan_reason_text((enum plan_reason)k, lang), 'l');
		html_td_num(f, n, fmt_int(a, sizeof(a), n, lang));
		fputs("</tr>\n", f);
	}
	html_table_end(f, 0);
}

static void data_rows(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                      enum lang lang)
{
	json_t *d = json_object(), *rows = json_array(), *cats = json_array(), *rs = json_array(),
	       *cs = json_array(), *head = json_array();
	json_t *codes = json_array();
	json_array_append_new(cats, json_string(""));
	for (int k = 0; k < CAT_COUNT; k++) {
		json_array_append_new(cats, json_string(category_label((enum category)k, lang)));
		json_array_append_new(codes, json_string(category_code((enum category)k)));
	}
	for (int k = 0; k < PR_COUNT; k++)
		json_array_append_new(rs, json_string(plan_reason_text((enum plan_reason)k, lang)));
	for (int k = 0; k < PC_COUNT; k++)
		json_array_append_new(cs,
		                      json_string(plan_channel_text((enum plan_channel)k, lang)));
	const char *h[PAGE_COLS];
	page_heads(lang, h);
	for (int k = 0; k < PAGE_COLS; k++)
		json_array_append_new(head, json_string(h[k]));
	for (size_t k = 0; k < r->nassign; k++) {
		int32_t c = r->order[k];
		const struct plan_assign *a = &r->assign[c];
		const struct customer *cu = &in->ds.customers[c];
		json_t *row = json_array();
		json_array_append_new(row, json_string(cu->id));
		json_array_append_new(row, json_string(cu->name ? cu->name : ""));
		json_array_append_new(row, json_integer(a->cat));
		json_array_append_new(row, json_string(cu->seller_id ? cu->seller_id : ""));
		json_array_append_new(row, json_string(a->to >= 0 ? in->ds.sellers[a->to].id : ""));
		json_array_append_new(row, json_integer(a->reason));
		json_array_append_new(row, json_integer(a->channel));
		json_array_append_new(row, pv_round_real(a->visits, 1));
		json_array_append_new(row, pv_round_real(a->calls, 1));
		json_array_append_new(row, pv_round_real(a->hours, 1));
		json_array_append_new(row, json_integer((json_int_t)llround(a->value_today / 100)));
		json_array_append_new(row, json_integer((json_int_t)llround(a->value_plan / 100)));
		json_array_append_new(rows, row);
	}
	json_object_set_new(d, "locale", json_string(lang == LANG_SV ? "sv-SE" : "en-GB"));
	json_object_set_new(d, "of", json_string(TR(lang, "%1–%2 of %3", "%1–%2 av %3")));
	json_object_set_new(d, "cats", cats);
	json_object_set_new(d, "codes", codes);
	json_object_set_new(d, "reasons", rs);
	json_object_set_new(d, "channels", cs);
	json_object_set_new(d, "head", head);
	json_object_set_new(d, "rows", rows);
	fputs("<script type=\"application/json\" id=\"plan-data\">", f);
	json_dumpf(d, f, JSON_COMPACT | JSON_ESCAPE_SLASH);
	fputs("</script>\n", f);
	json_decref(d);
}

static void customers_section(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                              enum lang lang)
{
	const char *h[PAGE_COLS];
	page_heads(lang, h);
	fprintf(f,
	        "<div class=\"fk-filter\"><input type=\"search\" id=\"plan-q\" placeholder=\"%s\">"
	        "<span class=\"fk-count\" id=\"plan-count\"></span>"
	        "<button type=\"button\" id=\"plan-csv\">%s</button></div>\n",
	        TR(lang, "Search customer, person, reason…", "Sök kund, person, orsak…"),
	        TR(lang, "Download all as csv", "Ladda ner alla som csv"));
	fputs("<div class=\"fk-wrap\"><table class=\"fk\" id=\"plan-customers\"><thead><tr>", f);
	for (int k = 0; k < PAGE_COLS; k++) {
		fprintf(f, "<th%s>", k >= 7 ? " class=\"r\"" : "");
		html_esc(f, h[k]);
		fputs("</th>", f);
	}
	fputs("</tr></thead><tbody id=\"plan-rows\"></tbody></table></div>\n", f);
	fprintf(f,
	        "<div class=\"pv-pager\"><button type=\"button\" id=\"plan-prev\">%s</button>"
	        "<span id=\"plan-page\"></span><button type=\"button\" "
	        "id=\"plan-next\">%s</button></div>\n",
	        TR(lang, "Previous", "Föregående"), TR(lang, "Next", "Nästa"));
	fprintf(f, "<noscript><p class=\"fk-note\">%s</p></noscript>\n",
	        TR(lang,
	           "The table needs JavaScript; every customer is also in 'fokus plan --format "
	           "csv' or xlsx.",
	           "Tabellen behöver JavaScript; alla kunder finns också i 'fokus plan --format "
	           "csv' eller xlsx."));
	data_rows(f, in, r, lang);
	fprintf(f, "<script>%s</script>\n", page_script);
}

void planview_plan_html(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang, bool standalone)
{
	char title[128];
	snprintf(title, sizeof(title),
	         TR(lang, "Coverage plan — snapshot %lld", "Täckningsplan — ögonblicksbild %lld"),
	         (long long)in->snapshot_id);
	if (standalone)
		html_begin(f, title, lang);
	fprintf(f, "<style>%s</style>\n", page_css);
	html_section_begin(f, "plan-decision", TR(lang, "The plan in brief", "Planen i korthet"),
	                   TR(lang,
	                      "With the people the team has: who contacts whom, how, how often — "
	                      "and what it is worth.",
	                      "Med de personer teamet har: vem som kontaktar vem, hur, hur ofta — "
	                      "och vad det är värt."));
	cards(f, r, lang);
	char **lines;
	int n;
	planview_plan_summary(in, r, lang, &lines, &n);
	fputs("<ul class=\"pv-list\">\n", f);
	for (int i = 0; i < n; i++) {
		fputs("<li>", f);
		html_esc(f, lines[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	planview_lines_free(lines, n);
	char **notes;
	const char **codes;
	planview_plan_notes(in, r, lang, &notes, &codes, &n);
	if (n) {
		fprintf(f, "<h3>%s</h3><ul class=\"pv-list fk-note\">\n",
		        TR(lang, "Notes", "Att observera"));
		for (int i = 0; i < n; i++) {
			fputs("<li>", f);
			html_esc(f, notes[i]);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	planview_notes_free(notes, codes, n);
	html_section_end(f);
	html_section_begin(
	    f, "plan-load-section",
	    TR(lang, "Load against capacity per person", "Belastning mot kapacitet per person"),
	    TR(lang,
	       "Hours a year with travel; compactness = the shortest possible distances to the "
	       "person's visited customers against the actual ones.",
	       "Timmar om året med restid; kompakthet = kortast möjliga avstånd till personens "
	       "besökta kunder mot de verkliga."));
	load_section(f, in, r, lang);
	html_section_end(f);
	html_section_begin(f, "plan-changes",
	                   TR(lang, "What changes for how many customers, and why",
	                      "Vad som ändras för hur många kunder, och varför"),
	                   NULL);
	changes_section(f, r, lang);
	html_section_end(f);
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, lang, false, t);
	html_section_begin(f, "plan-value",
	                   TR(lang, "Value today against the plan", "Värde i dag mot planen"),
	                   NULL);
	table_html(f, "plan-categories", t[PV_WHATIF], lang);
	html_section_end(f);
	html_section_begin(f, "plan-headcount",
	                   TR(lang, "What headcount is worth", "Vad bemanning är värd"),
	                   TR(lang,
	                      "Needed = the full policy's hours / hours per person. More hours and "
	                      "one more person: what the plan would add with them, a year.",
	                      "Behövs = hela policyns timmar / timmar per person. Fler timmar och "
	                      "en person till: vad planen skulle ge med dem, per år."));
	table_html(f, "plan-headcount-table", t[PV_HEADCOUNT], lang);
	html_section_end(f);
	html_section_begin(
	    f, "plan-response",
	    TR(lang, "How revenue answers to contact", "Hur omsättningen svarar på kontakt"),
	    TR(lang,
	       "The four points are CALLPLAN's: revenue with no visits, half today's, 50 % more "
	       "and at saturation, as % of today's.",
	       "De fyra punkterna är CALLPLANs: omsättning utan besök, med hälften av dagens, 50 % "
	       "fler och vid mättnad, i % av dagens."));
	table_html(f, "plan-response-table", t[PV_RESPONSE], lang);
	html_section_end(f);
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	html_section_begin(f, "plan-customers-section", TR(lang, "Every customer", "Alla kunder"),
	                   TR(lang, "The most valuable first within each category.",
	                      "De mest värdefulla först inom varje kategori."));
	customers_section(f, in, r, lang);
	html_section_end(f);
	if (standalone)
		html_end(f, lang);
}
