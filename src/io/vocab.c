/* vocab.c — activity types and roles as exports write them. The default
 * vocabulary is data: for each code a list of patterns, each a set of word
 * stems that must all occur in the folded value, in any order ("bok" and
 * "mot" read "Bokat möte", "Möte bokat" and "Mötesbokning" alike). The
 * rules are tried in order, so "Bokat telefonmöte" is a booked meeting
 * before it is a meeting, and "Telefonmöte" a meeting before it is a call.
 * docs/import.md lists what each code takes. */
#include "io/vocab.h"
#include "core/dataset.h"
#include "io/colmap.h"

#include <string.h>
#include <strings.h>

#define FOLD_CAP 128
#define MAX_STEMS 3

struct rule {
	int code;
	const char *stems[MAX_STEMS]; /* all must occur; NULL-terminated */
	int exact;                    /* the value must be the one stem */
};

/* Activity types, in the order they are tried. */
static const struct rule type_rules[] = {
    {ACT_MEETING_BOOKED, {"bok", "mot"}, 0},
    {ACT_MEETING_BOOKED, {"bok", "besok"}, 0},
    {ACT_MEETING_BOOKED, {"book", "meeting"}, 0},
    {ACT_MEETING_BOOKED, {"book", "appointment"}, 0},
    {ACT_MEETING_BOOKED, {"book", "demo"}, 0},
    {ACT_MEETING_BOOKED, {"book", "visit"}, 0},
    {ACT_MEETING_BOOKED, {"meetingset"}, 0},
    {ACT_MEETING_BOOKED, {"appointmentset"}, 0},
    {ACT_MEETING_BOOKED, {"bokning"}, 0},
    {ACT_MEETING_BOOKED, {"bokat"}, 0},
    {ACT_MEETING_BOOKED, {"bokad"}, 0},
    {ACT_MEETING_BOOKED, {"booking"}, 0},
    {ACT_MEETING_BOOKED, {"booked"}, 0},
    {ACT_NEWSLETTER, {"nyhetsbrev"}, 0},
    {ACT_NEWSLETTER, {"newsletter"}, 0},
    {ACT_NEWSLETTER, {"utskick"}, 0},
    {ACT_NEWSLETTER, {"mailing"}, 0},
    {ACT_NEWSLETTER, {"mailshot"}, 0},
    {ACT_NEWSLETTER, {"nyhetsmejl"}, 0},
    {ACT_NEWSLETTER, {"kampanj"}, 0},
    {ACT_NEWSLETTER, {"campaign"}, 0},
    {ACT_VISIT, {"besok"}, 0},
    {ACT_VISIT, {"visit"}, 0},
    {ACT_VISIT, {"fysisk"}, 0},
    {ACT_VISIT, {"physical"}, 0},
    {ACT_VISIT, {"facetoface"}, 0},
    {ACT_VISIT, {"f2f"}, 0},
    {ACT_VISIT, {"inperson"}, 0},
    {ACT_VISIT, {"onsite"}, 0},
    {ACT_VISIT, {"hoskund"}, 0},
    {ACT_VISIT, {"utehos"}, 0},
    {ACT_MEETING, {"mote"}, 0},
    {ACT_MEETING, {"meeting"}, 0},
    {ACT_MEETING, {"teams"}, 0},
    {ACT_MEETING, {"zoom"}, 0},
    {ACT_MEETING, {"video"}, 0},
    {ACT_MEETING, {"webex"}, 0},
    {ACT_MEETING, {"googlemeet"}, 0},
    {ACT_MEETING, {"skype"}, 0},
    {ACT_MEETING, {"online"}, 0},
    {ACT_MEETING, {"digital"}, 0},
    {ACT_MEETING, {"virtual"}, 0},
    {ACT_MEETING, {"distans"}, 0},
    {ACT_MEETING, {"demo"}, 0},
    {ACT_PHONE, {"telefon"}, 0},
    {ACT_PHONE, {"samtal"}, 0},
    {ACT_PHONE, {"ringt"}, 0},
    {ACT_PHONE, {"ringde"}, 0},
    {ACT_PHONE, {"ringa"}, 0},
    {ACT_PHONE, {"uppringning"}, 0},
    {ACT_PHONE, {"call"}, 0},
    {ACT_PHONE, {"phone"}, 0},
    {ACT_PHONE, {"tel"}, 1},
    {ACT_EMAIL, {"epost"}, 0},
    {ACT_EMAIL, {"email"}, 0},
    {ACT_EMAIL, {"mejl"}, 0},
    {ACT_EMAIL, {"mail"}, 0},
    {ACT_EMAIL, {"ebrev"}, 0},
    {ACT_OTHER, {"ovrigt"}, 0},
    {ACT_OTHER, {"annat"}, 0},
    {ACT_OTHER, {"other"}, 0},
    {ACT_OTHER, {"anteckning"}, 0},
    {ACT_OTHER, {"notering"}, 0},
    {ACT_OTHER, {"note"}, 1},
    {ACT_OTHER, {"notes"}, 1},
    {ACT_OTHER, {"uppgift"}, 0},
    {ACT_OTHER, {"task"}, 1},
};

static const struct rule role_rules[] = {
    {ROLE_FARMER, {"farmer"}, 0},
    {ROLE_FARMER, {"forvaltare"}, 0},
    {ROLE_FARMER, {"accountmanager"}, 0},
    {ROLE_FARMER, {"keyaccount"}, 0},
    {ROLE_FARMER, {"kam"}, 1},
    {ROLE_FARMER, {"kundansvarig"}, 0},
    {ROLE_FARMER, {"kundvard"}, 0},
    {ROLE_HUNTER, {"hunter"}, 0},
    {ROLE_HUNTER, {"jagare"}, 0},
    {ROLE_HUNTER, {"nykund"}, 0},
    {ROLE_HUNTER, {"newbusiness"}, 0},
    {ROLE_HUNTER, {"businessdevelop"}, 0},
    {ROLE_HUNTER, {"affarsutveckl"}, 0},
    {ROLE_HUNTER, {"bdr"}, 1},
    {ROLE_HUNTER, {"sdr"}, 1},
    {ROLE_SERVICE, {"service"}, 0},
    {ROLE_SERVICE, {"kundtjanst"}, 0},
    {ROLE_SERVICE, {"kundservice"}, 0},
    {ROLE_SERVICE, {"innesalj"}, 0},
    {ROLE_SERVICE, {"insidesales"}, 0},
    {ROLE_SERVICE, {"support"}, 0},
};

static const struct {
	const char *name, *name_sv, *codes, *fallback;
	const struct rule *rules;
	size_t nrules;
} fields[VOCAB_FIELDS] = {
    {"type", "typ", "visit, phone, email, meeting, meeting_booked, newsletter, other", "other",
     type_rules, sizeof(type_rules) / sizeof(type_rules[0])},
    {"role", "roll", "farmer, hunter, service", "service", role_rules,
     sizeof(role_rules) / sizeof(role_rules[0])},
};

const char *vocab_field_name(enum vocab_field f)
{
	return f < VOCAB_FIELDS ? fields[f].name : "";
}

int vocab_field_parse(const char *s, enum vocab_field *out)
{
	for (int i = 0; i < VOCAB_FIELDS; i++)
		if (!strcasecmp(s, fields[i].name) || !strcasecmp(s, fields[i].name_sv)) {
			*out = (enum vocab_field)i;
			return 0;
		}
	return -1;
}

void vocab_fold(const char *s, size_t n, char *out, size_t cap)
{
	colmap_norm(s, n, out, cap);
}

static int rule_match(const struct rule *r, const char *v)
{
	if (r->exact)
		return !strcmp(v, r->stems[0]);
	for (int k = 0; k < MAX_STEMS && r->stems[k]; k++)
		if (!strstr(v, r->stems[k]))
			return 0;
	return 1;
}

static int by_rules(enum vocab_field f, const char *v)
{
	for (size_t i = 0; i < fields[f].nrules; i++)
		if (rule_match(&fields[f].rules[i], v))
			return fields[f].rules[i].code;
	return -1;
}

int vocab_lookup(enum vocab_field f, const char *s, size_t n, const struct vocab_map *map,
                 size_t nmap)
{
	char v[FOLD_CAP];
	vocab_fold(s, n, v, sizeof(v));
	if (!v[0])
		return -1;
	for (size_t i = 0; i < nmap; i++)
		if (map[i].field == f && !strcmp(map[i].folded, v))
			return map[i].code;
	return by_rules(f, v);
}

int vocab_target(enum vocab_field f, const char *s)
{
	if (f == VOCAB_TYPE) {
		enum activity_type t;
		if (activity_type_parse(s, &t) == 0)
			return (int)t;
	} else {
		enum role r;
		if (role_parse(s, &r) == 0)
			return (int)r;
	}
	return -1;
}

const char *vocab_codes(enum vocab_field f)
{
	return f < VOCAB_FIELDS ? fields[f].codes : "";
}

const char *vocab_suggest(enum vocab_field f, const char *s, size_t n)
{
	char v[FOLD_CAP];
	vocab_fold(s, n, v, sizeof(v));
	/* a looser reading than the rules: a word that only hints */
	static const struct {
		const char *stem, *code;
	} hints[] = {
	    {"lunch", "meeting"},  {"fika", "meeting"},       {"event", "meeting"},
	    {"massa", "meeting"},  {"webinar", "newsletter"}, {"ring", "phone"},
	    {"sms", "email"},      {"brev", "email"},         {"letter", "email"},
	    {"linkedin", "email"}, {"chat", "email"},         {"kund", "visit"},
	    {"customer", "visit"},
	};
	if (f == VOCAB_TYPE)
		for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
			if (strstr(v, hints[i].stem))
				return hints[i].code;
	return f < VOCAB_FIELDS ? fields[f].fallback : "";
}
