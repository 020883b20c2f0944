/* html.c — the page skeleton, stylesheet, script and building blocks of
 * fokus's self-contained html reports (see html.h). No external resource is
 * referenced, so a report opens offline and can be mailed as one file. The
 * category colours come from render/svg.c so the plot and the tables match. */
#include "render/html.h"
#include "util/strbuf.h"
#include "core/dataset.h"
#include "render/svg.h"
#include "util/days.h"

#include <string.h>

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0.0.0"
#endif

static const char css[] =
    ":root{--ink:#1d232b;--muted:#5d6773;--line:#dfe3e8;--bg:#f5f7fa;--card:#fff;"
    "--accent:#1f4e79}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 'Segoe UI',"
    "-apple-system,Helvetica,Arial,sans-serif}\n"
    "header.fk-top{background:var(--accent);color:#fff;padding:18px 32px;display:flex;"
    "align-items:baseline;justify-content:space-between;flex-wrap:wrap;gap:8px}\n"
    "header.fk-top h1{margin:0;font-size:22px;font-weight:650;letter-spacing:.2px}\n"
    "header.fk-top .fk-date{opacity:.85;font-size:14px}\n"
    "main{max-width:1200px;margin:0 auto;padding:24px 32px 40px}\n"
    "section{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:22px 26px;margin:0 0 24px;box-shadow:0 1px 2px rgba(20,30,40,.04)}\n"
    "section h2{margin:0 0 4px;font-size:19px}\n"
    "section h3{margin:22px 0 8px;font-size:16px}\n"
    ".fk-sub{color:var(--muted);margin:0 0 16px;font-size:14px}\n"
    ".fk-cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0 18px}\n"
    ".fk-card{flex:1 1 160px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;"
    "border-top:4px solid var(--accent);background:#fff}\n"
    ".fk-card .l{color:var(--muted);font-size:12.5px;text-transform:uppercase;"
    "letter-spacing:.4px}\n"
    ".fk-card .v{font-size:21px;font-weight:650;font-variant-numeric:tabular-nums}\n"
    ".fk-card .n{color:var(--muted);font-size:12.5px}\n"
    ".fk-figure{margin:8px 0 4px;text-align:center}\n"
    ".fk-figure svg{max-width:100%;height:auto}\n"
    "table.fk{border-collapse:collapse;width:100%;font-size:14px;"
    "font-variant-numeric:tabular-nums}\n"
    "table.fk th{background:#eef1f5;text-align:left;font-weight:600;padding:7px 10px;"
    "border-bottom:2px solid var(--line);cursor:pointer;position:sticky;top:0;"
    "vertical-align:bottom}\n"
    "table.fk th.r,table.fk td.r{text-align:right}\n"
    "table.fk td.r{white-space:nowrap}\n"
    "table.fk th:after{content:'';margin-left:4px;color:var(--muted)}\n"
    "table.fk th.asc:after{content:'\\25B2'}table.fk th.desc:after{content:'\\25BC'}\n"
    "table.fk td{padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}\n"
    "table.fk tbody tr:nth-child(even){background:#fafbfc}\n"
    "table.fk tbody tr:hover{background:#f0f5fb}\n"
    "table.fk tfoot td{font-weight:650;border-top:2px solid var(--line);"
    "background:#f6f8fa}\n"
    ".fk-wrap{overflow-x:auto}\n"
    ".fk-scroll{max-height:620px;overflow:auto;border:1px solid var(--line);border-radius:8px}\n"
    ".fk-filter{margin:6px 0 10px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}\n"
    ".fk-filter input{font:inherit;padding:6px 10px;border:1px solid #c4cbd3;"
    "border-radius:6px;min-width:260px}\n"
    ".fk-filter .fk-count{color:var(--muted);font-size:13px}\n"
    ".fk-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12.5px;"
    "font-weight:600;white-space:nowrap;border:1px solid transparent}\n"
    ".fk-note{color:var(--muted);font-size:13px}\n"
    ".fk-reason{color:#39424d;font-size:13px}\n"
    "footer{color:var(--muted);font-size:12.5px;text-align:center;padding:0 0 30px}\n";

/* Paper (A4): what is for the screen goes (search boxes, buttons, any
 * navigation), what is read stays. Sections may run over pages, but a
 * picture, a row of key figures, a heading with what follows it, and a
 * table row are never cut; a table's header row repeats on every page;
 * colours print (badges, bars), and tables get a smaller type so the
 * reasons fit beside the numbers. A long searchable list (a table with a
 * search box, e.g. the 5 000 customers) prints its first 100 rows and says
 * so: the whole list is for the screen and the csv, not for 300 pages. */
static const char print_css[] =
    "@page{size:A4;margin:14mm 12mm 16mm}\n"
    "@media print{\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "html,body{background:#fff!important;font-size:10pt}\n"
    "nav,button,input,select,.fk-filter,.skip,.fk-noprint{display:none!important}\n"
    "header.fk-top{background:#fff!important;color:#000!important;padding:0 0 4mm;"
    "border-bottom:1.5pt solid #000;margin:0 0 5mm}\n"
    "header.fk-top h1{font-size:17pt}\n"
    "main{max-width:none!important;padding:0!important;margin:0!important}\n"
    "section{border:none!important;box-shadow:none!important;border-radius:0;padding:0!important;"
    "margin:0 0 7mm!important;break-inside:auto!important}\n"
    "section+section{break-before:page}\n"
    "h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}\n"
    "h2+p,h3+p{break-before:avoid}\n"
    "svg,figure,img,.fk-figure,.fk-cards,.fk-card,.chart{break-inside:avoid;page-break-inside:"
    "avoid}\n"
    ".fk-figure svg,svg{max-width:100%!important;height:auto}\n"
    ".fk-scroll,.fk-wrap{max-height:none!important;overflow:visible!important;border:none!"
    "important}\n"
    "table{width:100%!important;font-size:8pt!important}\n"
    "thead{display:table-header-group}tfoot{display:table-footer-group}\n"
    "tr,th,td{break-inside:avoid;page-break-inside:avoid}\n"
    "th{position:static!important}\n"
    "th,td{padding:2pt 4pt!important}\n"
    "a{color:inherit;text-decoration:none}\n"
    "footer{padding:2mm 0 0}\n"
    ".fk-scroll tbody tr:nth-child(n+101){display:none}\n"
    ".fk-scroll:has(tbody tr:nth-child(101))::after{display:block;margin:2mm 0 0;"
    "font-size:8.5pt;font-style:italic;color:#333}\n"
    "html[lang=en] .fk-scroll:has(tbody tr:nth-child(101))::after{content:'On paper the first "
    "100 rows of this list; the whole list is on the screen (with its search box) and in "
    "the csv export.'}\n"
    "html[lang=sv] .fk-scroll:has(tbody tr:nth-child(101))::after{content:'På papper de 100 "
    "första raderna i listan; hela listan finns på skärmen (med sökrutan) och i "
    "csv-exporten.'}\n"
    "}\n";

static const char script[] =
    "(function(){\n"
    "function key(td){var v=td.getAttribute('data-v');"
    "return v!==null?parseFloat(v):td.textContent.trim().toLowerCase();}\n"
    "document.querySelectorAll('table.fk').forEach(function(t){\n"
    " var ths=t.tHead?t.tHead.rows[0].cells:[];\n"
    " Array.prototype.forEach.call(ths,function(th,i){th.addEventListener('click',function(){\n"
    "  var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);\n"
    "  var asc=!th.classList.contains('asc');\n"
    "  Array.prototype.forEach.call(ths,function(h){h.classList.remove('asc','desc');});\n"
    "  th.classList.add(asc?'asc':'desc');\n"
    "  rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]);"
    "if(a<c)return asc?-1:1;if(a>c)return asc?1:-1;return 0;});\n"
    "  rows.forEach(function(r){b.appendChild(r);});});});});\n"
    "document.querySelectorAll('input[data-filter]').forEach(function(inp){\n"
    " var t=document.getElementById(inp.getAttribute('data-filter'));\n"
    " var out=inp.parentNode.querySelector('.fk-count');\n"
    " inp.addEventListener('input',function(){var q=inp.value.trim().toLowerCase(),n=0;\n"
    "  Array.prototype.forEach.call(t.tBodies[0].rows,function(r){"
    "var show=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.style.display=show?'':'none';"
    "if(show)n++;});\n"
    "  if(out)out.textContent=n+' / '+t.tBodies[0].rows.length;});});\n"
    "})();\n";

/* The entity for a character HTML must not carry as is, or NULL. */
static const char *entity(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		const char *e = entity(*s);
		if (e)
			fputs(e, f);
		else
			fputc(*s, f);
	}
}

void html_esc_sb(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		const char *e = entity(*s);
		if (e)
			strbuf_puts(sb, e);
		else
			strbuf_putc(sb, *s);
	}
}

void html_begin(FILE *f, const char *title, enum lang lang)
{
	char d[11];
	fprintf(f,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
	        "<meta name=\"generator\" content=\"fokus %s\">\n<title>",
	        lang == LANG_SV ? "sv" : "en", FOKUS_VERSION);
	html_esc(f, title);
	fputs("</title>\n<style>\n", f);
	fputs(css, f);
	fputs(print_css, f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, ".fk-cat-%s{background:%s;color:%s;border-color:%s}\n",
		        category_code((enum category)c), svg_category_shade(c),
		        svg_category_color(c), svg_category_color(c));
	fputs("</style>\n</head>\n<body>\n<header class=\"fk-top\"><h1>", f);
	html_esc(f, title);
	fprintf(f, "</h1><span class=\"fk-date\">%s %s</span></header>\n<main>\n",
	        TR(lang, "Created", "Skapad"), days_iso(days_today(), d));
}

void html_end(FILE *f, enum lang lang)
{
	fprintf(f,
	        "</main>\n<footer>%s fokus %s</footer>\n<script>\n%s</script>\n</body>\n</html>\n",
	        TR(lang, "Made with", "Gjord med"), FOKUS_VERSION, script);
}

void html_section_begin(FILE *f, const char *id, const char *title, const char *subtitle)
{
	fputs("<section", f);
	if (id) {
		fputs(" id=\"", f);
		html_esc(f, id);
		fputc('"', f);
	}
	fputs(">\n<h2>", f);
	html_esc(f, title);
	fputs("</h2>\n", f);
	if (subtitle) {
		fputs("<p class=\"fk-sub\">", f);
		html_esc(f, subtitle);
		fputs("</p>\n", f);
	}
}

void html_section_end(FILE *f)
{
	fputs("</section>\n", f);
}

void html_cards_begin(FILE *f)
{
	fputs("<div class=\"fk-cards\">\n", f);
}

void html_card(FILE *f, const char *label, const char *value, const char *note, const char *accent)
{
	fputs("<div class=\"fk-card\"", f);
	if (accent) {
		fputs(" style=\"border-top-color:", f);
		html_esc(f, accent);
		fputc('"', f);
	}
	fputs("><div class=\"l\">", f);
	html_esc(f, label);
	fputs("</div><div class=\"v\">", f);
	html_esc(f, value);
	fputs("</div>", f);
	if (note) {
		fputs("<div class=\"n\">", f);
		html_esc(f, note);
		fputs("</div>", f);
	}
	fputs("</div>\n", f);
}

void html_cards_end(FILE *f)
{
	fputs("</div>\n", f);
}

void html_table_begin(FILE *f, const char *id, const char *const *headers, int ncols,
                      const char *align, const char *filter_label)
{
	if (filter_label && id) {
		fprintf(f, "<div class=\"fk-filter\"><input type=\"search\" data-filter=\"");
		html_esc(f, id);
		fputs("\" placeholder=\"", f);
		html_esc(f, filter_label);
		fputs("\"><span class=\"fk-count\"></span></div>\n<div class=\"fk-scroll\">\n", f);
	} else {
		fputs("<div class=\"fk-wrap\">\n", f);
	}
	fputs("<table class=\"fk\"", f);
	if (id) {
		fputs(" id=\"", f);
		html_esc(f, id);
		fputc('"', f);
	}
	fputs("><thead><tr>", f);
	for (int i = 0; i < ncols; i++) {
		int right = align && (int)strlen(align) > i && align[i] == 'r';
		fputs(right ? "<th class=\"r\">" : "<th>", f);
		html_esc(f, headers[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

void html_table_foot(FILE *f)
{
	fputs("</tbody>\n<tfoot>\n", f);
}

void html_table_end(FILE *f, int has_foot)
{
	fputs(has_foot ? "</tfoot></table></div>\n" : "</tbody></table></div>\n", f);
}

void html_td(FILE *f, const char *text, char align)
{
	fputs(align == 'r' ? "<td class=\"r\">" : "<td>", f);
	html_esc(f, text);
	fputs("</td>", f);
}

void html_td_num(FILE *f, double value, const char *text)
{
	fprintf(f, "<td class=\"r\" data-v=\"%.17g\">", value);
	html_esc(f, text);
	fputs("</td>", f);
}

void html_badge(FILE *f, int category, const char *label)
{
	fprintf(f, "<span class=\"fk-badge fk-cat-%s\">", category_code((enum category)category));
	html_esc(f, label);
	fputs("</span>", f);
}
