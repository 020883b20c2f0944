/* vocab.h — the words CRMs and spreadsheets use for activity types and
 * seller roles, read into fokus's codes: a default vocabulary in Swedish and
 * English (word order, compounds, remote meetings), and the value map a
 * user gives once (`--map-value type="Fysiskt möte"=visit`), which the
 * workspace keeps and the import hands in. Values are compared folded
 * (colmap_norm: case, å ä ö to a o, spaces and - _ . / dropped). */
#ifndef FOKUS_VOCAB_H
#define FOKUS_VOCAB_H
#include <stddef.h>

/* The fields with a vocabulary. */
enum vocab_field { VOCAB_TYPE = 0, VOCAB_ROLE, VOCAB_FIELDS };

/* One entry of a user's value map: the value folded (vocab_fold) and the
 * code (enum activity_type or enum role of core/dataset.h). */
struct vocab_map {
	enum vocab_field field;
	const char *folded;
	int code;
};

/* "type", "role"; vocab_field_parse returns 0 or -1 (also "typ", "roll"). */
const char *vocab_field_name(enum vocab_field f);
int vocab_field_parse(const char *s, enum vocab_field *out);

/* Folds s[0..n) into out (cap bytes, always NUL-terminated). */
void vocab_fold(const char *s, size_t n, char *out, size_t cap);

/* Reads a value of field f: the map's entries first (map[0..nmap), may be
 * NULL), then the default vocabulary. Returns the code, or -1 when the
 * value is not known. An empty value is -1 too. */
int vocab_lookup(enum vocab_field f, const char *s, size_t n, const struct vocab_map *map,
                 size_t nmap);

/* The code named by a map's target ("visit", "besök", "farmer", ...: the
 * codes and their plain names), or -1. */
int vocab_target(enum vocab_field f, const char *s);

/* "visit, phone, email, meeting, meeting_booked, newsletter, other" or
 * "farmer, hunter, service": the codes, for messages. Static string. */
const char *vocab_codes(enum vocab_field f);

/* A guess at the code a value not known means, for the map a message
 * suggests ("other" for types, "service" for roles, when nothing tells).
 * Static string. */
const char *vocab_suggest(enum vocab_field f, const char *s, size_t n);

#endif
