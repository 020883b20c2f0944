/* sample-text.c — the words of the sample company: the SNI 2007 sections it
 * sells to, made-up but plausible Swedish company names, streets, org
 * numbers (valid check digit), e-mail addresses under the reserved .example
 * domain, phone numbers with the right area code for the postal code, and
 * people's names. Every choice goes through the caller's rng (core/rng.h), so the text is
 * as deterministic as the numbers. */
#include "core/sample-text.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* SNI 2007 section letters and their Swedish names (SCB). Weights, sizes and
 * spend are the sample's assumptions for a wholesaler of tools, work wear and
 * consumables; see docs/sample.md. */
/* clang-format off */
const struct sample_industry sample_text_industries[] = {
	{"F Byggverksamhet", 0.23, 5, 6000, HOURS_TRADE, 0,
	 {"Bygg", "Måleri", "El", "VVS", "Rör", "Plåt", "Mark & Anläggning", "Snickeri", "Tak",
	  NULL}},
	{"C Tillverkning", 0.17, 12, 5000, HOURS_TRADE, 0,
	 {"Mekaniska", "Mekaniska Verkstad", "Plast", "Trä", "Svets", "Industri", "Plåtslageri",
	  "Produktion", "CNC", NULL}},
	{"G Handel; reparation av motorfordon och motorcyklar", 0.16, 6, 3500, HOURS_SHOP, 0,
	 {"Järnhandel", "Bil", "Färg", "Lantmän", "Handel", "Bildelar", "Cykel & Motor", "Järn & Bygg",
	  NULL}},
	{"H Transport och magasinering", 0.08, 5, 3000, HOURS_TRADE, 0,
	 {"Åkeri", "Transport", "Frakt", "Logistik", "Buss", "Taxi", NULL}},
	{"I Hotell- och restaurangverksamhet", 0.07, 6, 2500, HOURS_RESTAURANT, 1,
	 {"Restaurang", "Café", "Hotell", "Pizzeria", "Konditori", "Gästgiveri", NULL}},
	{"N Uthyrning, fastighetsservice, resetjänster och andra stödtjänster", 0.07, 7, 3000,
	 HOURS_OFFICE, 0, {"Städ", "Fastighetsservice", "Maskinuthyrning", "Lokalvård", "Bemanning", NULL}},
	{"A Jordbruk, skogsbruk och fiske", 0.05, 2, 5000, HOURS_TRADE, 0,
	 {"Lantbruk", "Skogsentreprenad", "Maskinstation", "Trädgård", "Gård", NULL}},
	{"Q Vård och omsorg; sociala tjänster", 0.04, 15, 1500, HOURS_OFFICE, 0,
	 {"Tandvård", "Vård & Omsorg", "Hemtjänst", "Veterinär", NULL}},
	{"M Verksamhet inom juridik, ekonomi, vetenskap och teknik", 0.04, 4, 1200, HOURS_OFFICE, 0,
	 {"Konsult", "Arkitekter", "Ingenjörsbyrå", "Teknik", NULL}},
	{"L Fastighetsverksamhet", 0.03, 3, 4000, HOURS_OFFICE, 1,
	 {"Fastighets AB", "Bostäder", "Fastigheter", NULL}},
	{"E Vattenförsörjning; avloppsrening, avfallshantering och sanering", 0.02, 15, 5000,
	 HOURS_TRADE, 0, {"Återvinning", "Miljö", "Sanering", NULL}},
	{"S Annan serviceverksamhet", 0.02, 3, 2000, HOURS_SHOP, 0,
	 {"Bilvård", "Frisör", "Tvätt", NULL}},
	{"J Informations- och kommunikationsverksamhet", 0.01, 6, 800, HOURS_OFFICE, 0,
	 {"Data", "IT", "Media", NULL}},
	{"R Kultur, nöje och fritid", 0.01, 5, 1500, HOURS_SHOP, 0,
	 {"Gym", "Bowling", "Event", NULL}},
	{"D Försörjning av el, gas, värme och kyla", 0.005, 20, 4000, HOURS_TRADE, 0,
	 {"Energi", "Kraft", "Värme", NULL}},
	{"B Utvinning av mineral", 0.005, 10, 6000, HOURS_TRADE, 0,
	 {"Grus", "Sten & Grus", "Bergtäkt", NULL}},
	{"P Utbildning", 0.005, 8, 1000, HOURS_OFFICE, 0,
	 {"Trafikskola", "Utbildning", NULL}},
};
/* clang-format on */
const int sample_text_nindustries = COUNT(sample_text_industries);

/* clang-format off */
static const char *const surnames[] = {
	"Andersson", "Johansson", "Karlsson",  "Nilsson",   "Eriksson",  "Larsson",   "Olsson",
	"Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",  "Jansson",   "Hansson",
	"Bengtsson", "Jönsson",   "Lindberg",  "Jakobsson", "Magnusson", "Lindström", "Olofsson",
	"Lindqvist", "Lindgren",  "Berg",      "Axelsson",  "Bergström", "Lundberg",  "Lundgren",
	"Lind",      "Lundqvist", "Mattsson",  "Berglund",  "Fredriksson", "Sandberg", "Henriksson",
	"Forsberg",  "Sjöberg",   "Wallin",    "Engström",  "Eklund",    "Danielsson", "Lundin",
	"Håkansson", "Björk",     "Bergman",   "Gunnarsson", "Holm",     "Wikström",  "Samuelsson",
	"Isaksson",  "Fransson",  "Bergqvist", "Nyström",   "Holmberg",  "Arvidsson", "Löfgren",
	"Söderberg", "Nyberg",    "Blomqvist", "Claesson",  "Nordström", "Mårtensson", "Lundström",
	"Viklund",   "Björklund", "Eliasson",  "Pålsson",   "Berggren",  "Sandström", "Lund",
	"Nordin",    "Ström",     "Åberg",     "Hermansson", "Ekström",  "Holmgren",  "Sundberg",
	"Hedlund",   "Dahlberg",  "Hellström", "Sjögren",   "Abrahamsson", "Falk",    "Martinsson",
	"Öberg",     "Andreasson", "Strömberg", "Månsson",  "Åkesson",   "Norberg",   "Lindholm",
	"Dahl",      "Jonasson",  "Borg",      "Ek",        "Hedström",  "Nordqvist", "Sjöström",
};
/* clang-format on */

/* clang-format off */
static const char *const firstnames[] = {
	"Anna",   "Eva",    "Maria",  "Karin",   "Sara",    "Lena",    "Kerstin", "Emma",
	"Ingrid", "Marie",  "Malin",  "Jenny",   "Sofia",   "Linda",   "Hanna",   "Johanna",
	"Elin",   "Annika", "Camilla", "Helena", "Lars",    "Mikael",  "Anders",  "Johan",
	"Erik",   "Per",    "Karl",   "Peter",   "Thomas",  "Jan",     "Daniel",  "Fredrik",
	"Hans",   "Andreas", "Stefan", "Mats",   "Magnus",  "Jonas",   "Mattias", "Niklas",
};
/* clang-format on */

/* Names of places, animals and trees that Swedish firms like to carry. */
/* clang-format off */
static const char *const fancy[] = {
	"Ankaret", "Sjöboden", "Granen", "Björken", "Lärkan",  "Kronan", "Gästis",  "Svanen",
	"Tallen",  "Eken",     "Måsen",  "Fyren",   "Kvarnen", "Hamnen", "Bryggan", "Linden",
	"Norrsken", "Solrosen", "Stjärnan", "Vågen", "Älgen",  "Rönnen", "Bäcken",  "Klippan",
};
/* clang-format on */

/* clang-format off */
static const char *const streets[] = {
	"Storgatan",    "Kungsgatan",     "Drottninggatan", "Industrivägen", "Verkstadsgatan",
	"Hantverkarvägen", "Fabriksgatan", "Lagergatan",    "Järnvägsgatan", "Bruksvägen",
	"Kvarngatan",   "Torggatan",      "Skolgatan",      "Nygatan",       "Ringvägen",
	"Södra vägen",  "Norra vägen",    "Östra vägen",    "Västra vägen",  "Smedjegatan",
	"Mejerivägen",  "Sågverksvägen",  "Åkerivägen",     "Företagsvägen", "Förrådsvägen",
	"Energivägen",  "Montörgatan",    "Svetsarvägen",   "Bangårdsgatan", "Hamngatan",
	"Strandvägen",  "Kyrkogatan",     "Tullgatan",      "Prästgårdsvägen", "Björkvägen",
	"Granvägen",    "Tallvägen",      "Ekvägen",        "Backavägen",    "Hagagatan",
};
/* clang-format on */

#define PICK(r, a) ((a)[rng_below((r), (uint32_t)COUNT(a))])

static int word_count(const struct sample_industry *ind)
{
	int n = 0;
	while (n < 10 && ind->words[n])
		n++;
	return n;
}

/* "Berglund" -> "Berglunds"; names ending in s, x or z take no extra s. */
static void genitive(const char *name, char *buf, size_t size)
{
	size_t n = strlen(name);
	char last = n ? name[n - 1] : 0;
	snprintf(buf, size, "%s%s", name, last == 's' || last == 'x' || last == 'z' ? "" : "s");
}

void sample_text_company(struct rng *r, int industry, const char *place, int attempt, char *buf,
                         size_t size, int *hb)
{
	const struct sample_industry *ind = &sample_text_industries[industry];
	const char *word = ind->words[rng_below(r, (uint32_t)word_count(ind))];
	const char *sur = PICK(r, surnames);
	char gen[64], core[160];
	genitive(sur, gen, sizeof(gen));
	double u = rng_unit(r);
	if (!strcmp(word, "Fastighets AB")) {
		/* The legal form comes first: "Fastighets AB Granen". */
		snprintf(core, sizeof(core), "%s", u < 0.5 ? PICK(r, fancy) : gen);
		if (attempt >= 6)
			snprintf(core + strlen(core), sizeof(core) - strlen(core), " %d",
			         attempt - 4);
		snprintf(buf, size, "Fastighets AB %s", core);
		*hb = 0;
		return;
	}
	if (ind->prefix && u < 0.6)
		snprintf(core, sizeof(core), "%s %s", word, PICK(r, fancy));
	else if (ind->prefix && u < 0.8)
		snprintf(core, sizeof(core), "%s %s", word, place);
	else if (u < 0.45)
		snprintf(core, sizeof(core), "%s %s", gen, word);
	else if (u < 0.62)
		snprintf(core, sizeof(core), "%s %s", place, word);
	else if (u < 0.77)
		snprintf(core, sizeof(core), "%s i %s", word, place);
	else if (u < 0.85)
		snprintf(core, sizeof(core), "%s & Söner", sur);
	else if (u < 0.93)
		snprintf(core, sizeof(core), "%s %s", word, PICK(r, fancy));
	else
		snprintf(core, sizeof(core), "%s %s %s", PICK(r, firstnames), sur, word);
	if (attempt >= 6)
		snprintf(core + strlen(core), sizeof(core) - strlen(core), " %d", attempt - 4);
	*hb = rng_chance(r, 0.07);
	snprintf(buf, size, "%s %s", core, *hb ? "HB" : "AB");
}

void sample_text_orgnr(long n, int hb, char buf[12])
{
	/* Affine permutations (the multipliers are coprime with 10^6 and 10^7),
	 * so distinct n give distinct numbers that still look scattered. ABs
	 * start 556 or 559 as most Swedish limited companies do, HBs 969. */
	char d[11];
	if (n < (hb ? 1000000L : 2000000L)) {
		long m = hb ? n : n / 2;
		long x = (m * 314159L + (hb ? 424242L : n % 2 ? 161803L : 271828L)) % 1000000L;
		snprintf(d, sizeof(d), "%s%06ld", hb ? "969" : n % 2 ? "559" : "556", x);
	} else {
		long x = (n * 3141593L + 1234567L) % 10000000L;
		snprintf(d, sizeof(d), "%s%07ld", hb ? "96" : "55", x);
	}
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (d[i] - '0') * (i % 2 ? 1 : 2);
		sum += v > 9 ? v - 9 : v;
	}
	d[9] = (char)('0' + (10 - sum % 10) % 10);
	d[10] = '\0';
	snprintf(buf, 12, "%.6s-%.4s", d, d + 6);
}

void sample_text_street(struct rng *r, char *buf, size_t size)
{
	const char *s = PICK(r, streets);
	int no = 1 + (int)rng_below(r, 60);
	if (rng_chance(r, 0.12))
		snprintf(buf, size, "%s %d%c", s, no, 'A' + (int)rng_below(r, 3));
	else
		snprintf(buf, size, "%s %d", s, no);
}

/* Area codes by the first two digits of the postal code (roughly right for
 * the main town of each postal area). */
/* clang-format off */
static const char *const area[100] = {
	[10] = "08",   [11] = "08",   [12] = "08",   [13] = "08",   [14] = "08",   [15] = "08",
	[16] = "08",   [17] = "08",   [18] = "08",   [19] = "08",   [20] = "040",  [21] = "040",
	[22] = "046",  [23] = "040",  [24] = "0413", [25] = "042",  [26] = "0431", [27] = "0411",
	[28] = "0451", [29] = "044",  [30] = "035",  [31] = "0346", [33] = "0370", [34] = "0372",
	[35] = "0470", [36] = "0470", [37] = "0455", [38] = "0480", [39] = "0480", [40] = "031",
	[41] = "031",  [42] = "031",  [43] = "031",  [44] = "0322", [45] = "0522", [46] = "0520",
	[47] = "0304", [50] = "033",  [51] = "033",  [52] = "0515", [53] = "0510", [54] = "0500",
	[55] = "036",  [56] = "036",  [57] = "0380", [58] = "013",  [59] = "013",  [60] = "011",
	[61] = "0155", [62] = "0498", [63] = "016",  [64] = "0150", [65] = "054",  [66] = "054",
	[67] = "0570", [68] = "0550", [69] = "0586", [70] = "019",  [71] = "019",  [72] = "021",
	[73] = "021",  [74] = "018",  [75] = "018",  [76] = "0176", [77] = "0226", [78] = "0243",
	[79] = "023",  [80] = "026",  [81] = "026",  [82] = "0650", [83] = "063",  [84] = "063",
	[85] = "060",  [86] = "060",  [87] = "0611", [88] = "0620", [89] = "0660", [90] = "090",
	[91] = "090",  [92] = "0950", [93] = "0910", [94] = "0911", [95] = "0920", [96] = "0921",
	[97] = "0920", [98] = "0980",
};
/* clang-format on */

void sample_text_phone(struct rng *r, const char *postcode, char *buf, size_t size)
{
	int pre = (postcode[0] - '0') * 10 + (postcode[1] - '0');
	const char *ac = pre >= 0 && pre < 100 && area[pre] ? area[pre] : "010";
	if (rng_chance(r, 0.15)) {
		snprintf(buf, size, "07%d-%03d %02d %02d", (int)"0236"[rng_below(r, 4)] - '0',
		         (int)rng_below(r, 1000), (int)rng_below(r, 100), (int)rng_below(r, 100));
	} else if (strlen(ac) <= 3) {
		/* 08 and 0XX: seven-digit subscriber numbers, not starting with 0. */
		snprintf(buf, size, "%s-%03d %02d %02d", ac, 100 + (int)rng_below(r, 900),
		         (int)rng_below(r, 100), (int)rng_below(r, 100));
	} else {
		snprintf(buf, size, "%s-%02d %02d %02d", ac, 10 + (int)rng_below(r, 90),
		         (int)rng_below(r, 100), (int)rng_below(r, 100));
	}
}

/* Appends the ASCII form of a UTF-8 name, lower case, letters and digits
 * only ("Mårtenssons Rör" -> "martenssonsror"). */
static void slug(const char *s, char *out, size_t size)
{
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (*u && n + 1 < size) {
		char c = 0;
		if (u[0] == 0xC3 && u[1]) {
			unsigned v = u[1];
			if (v == 0xA5 || v == 0xA4 || v == 0x85 || v == 0x84 || v == 0xA0 ||
			    v == 0xA1)
				c = 'a';
			else if (v == 0xB6 || v == 0x96)
				c = 'o';
			else if (v == 0xA9 || v == 0x89 || v == 0xA8)
				c = 'e';
			else if (v == 0xBC || v == 0x9C)
				c = 'u';
			u += 2;
		} else {
			if ((*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9'))
				c = (char)*u;
			else if (*u >= 'A' && *u <= 'Z')
				c = (char)(*u - 'A' + 'a');
			u++;
		}
		if (c)
			out[n++] = c;
	}
	out[n] = '\0';
}

void sample_text_email(struct rng *r, const char *company, char *buf, size_t size)
{
	static const char *const box[] = {"info",    "info",  "info",   "order",
	                                  "kontakt", "inkop", "ekonomi"};
	char name[128], dom[96];
	snprintf(name, sizeof(name), "%s", company);
	size_t n = strlen(name);
	if (n > 3 && (!strcmp(name + n - 3, " AB") || !strcmp(name + n - 3, " HB")))
		name[n - 3] = '\0';
	if (!strncmp(name, "Fastighets AB ", 14))
		memmove(name + 10, name + 13, strlen(name + 13) + 1); /* "Fastighets Granen" */
	slug(name, dom, sizeof(dom));
	snprintf(buf, size, "%s@%s.example", PICK(r, box), dom);
}

void sample_text_person(struct rng *r, char *name, size_t nsize)
{
	snprintf(name, nsize, "%s %s", PICK(r, firstnames), PICK(r, surnames));
}

void sample_text_person_email(const char *name, int n, char *buf, size_t size)
{
	char first[64], last[64];
	const char *sp = strchr(name, ' ');
	size_t k = sp ? (size_t)(sp - name) : strlen(name);
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*s", (int)k, name);
	slug(tmp, first, sizeof(first));
	slug(sp ? sp + 1 : "", last, sizeof(last));
	if (n > 1)
		snprintf(buf, size, "%s.%s%d@exempelgrossisten.example", first, last, n);
	else
		snprintf(buf, size, "%s.%s@exempelgrossisten.example", first, last);
}
