/* dataset.c — codes and labels of the domain vocabulary (data over code),
 * and freeing a dataset. */
#include "core/dataset.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *code, *en, *sv;
} cats[CAT_COUNT] = {
    {"1", "Category 1 (key account)", "Kategori 1"},
    {"2R", "Category 2 revenue", "Kategori 2 omsättning"},
    {"2P", "Category 2 potential", "Kategori 2 potential"},
    {"3", "Category 3", "Kategori 3"},
};

const char *category_code(enum category c)
{
	return c >= 0 && c < CAT_COUNT ? cats[c].code : "";
}

const char *category_label(enum category c, int lang)
{
	if (c < 0 || c >= CAT_COUNT)
		return "";
	return lang == 1 ? cats[c].sv : cats[c].en;
}

int category_parse(const char *s, enum category *out)
{
	for (int i = 0; i < CAT_COUNT; i++) {
		if (!strcasecmp(s, cats[i].code)) {
			*out = (enum category)i;
			return 0;
		}
	}
	return -1;
}

static const struct {
	const char *code, *en, *sv;
	const char *aliases[4];
} roles[ROLE_COUNT] = {
    {"", "", "", {NULL}},
    {"farmer", "farmer", "förvaltare", {"förvaltare", "forvaltare", "account manager", NULL}},
    {"hunter", "hunter", "jägare", {"jägare", "jagare", NULL}},
    {"service",
     "customer service",
     "kundtjänst",
     {"kundtjänst", "kundtjanst", "customer service", NULL}},
};

const char *role_code(enum role r)
{
	return r > 0 && r < ROLE_COUNT ? roles[r].code : "";
}

const char *role_label(enum role r, int lang)
{
	if (r <= 0 || r >= ROLE_COUNT)
		return "";
	return lang == 1 ? roles[r].sv : roles[r].en;
}

int role_parse(const char *s, enum role *out)
{
	for (int i = 1; i < ROLE_COUNT; i++) {
		if (!strcasecmp(s, roles[i].code)) {
			*out = (enum role)i;
			return 0;
		}
		for (int k = 0; roles[i].aliases[k]; k++) {
			if (!strcasecmp(s, roles[i].aliases[k])) {
				*out = (enum role)i;
				return 0;
			}
		}
	}
	return -1;
}

static const struct {
	const char *code;
	const char *aliases[8];
} acts[ACT_COUNT] = {
    {"visit", {"besök", "besok", "field visit", "kundbesök", NULL}},
    {"phone", {"telefon", "samtal", "call", "phone call", "telefonsamtal", NULL}},
    {"email", {"e-mail", "e-post", "epost", "mejl", "mail", NULL}},
    {"meeting", {"möte", "mote", "online meeting", "digitalt möte", NULL}},
    {"meeting_booked",
     {"bokat möte", "bokat mote", "meeting booked", "booked meeting", "booking", "bokning", NULL}},
    {"newsletter", {"nyhetsbrev", "utskick", NULL}},
    {"other", {"övrigt", "annat", NULL}},
};

const char *activity_type_code(enum activity_type t)
{
	return t < ACT_COUNT ? acts[t].code : "";
}

int activity_type_parse(const char *s, enum activity_type *out)
{
	for (int i = 0; i < ACT_COUNT; i++) {
		if (!strcasecmp(s, acts[i].code)) {
			*out = (enum activity_type)i;
			return 0;
		}
		for (int k = 0; acts[i].aliases[k]; k++) {
			if (!strcasecmp(s, acts[i].aliases[k])) {
				*out = (enum activity_type)i;
				return 0;
			}
		}
	}
	return -1;
}

void dataset_free(struct dataset *ds)
{
	if (!ds)
		return;
	for (size_t i = 0; i < ds->ncustomers; i++) {
		struct customer *c = &ds->customers[i];
		free(c->id);
		free(c->name);
		free(c->org_number);
		free(c->address);
		free(c->postal_code);
		free(c->city);
		free(c->industry);
		free(c->email);
		free(c->phone);
		free(c->seller_id);
	}
	for (size_t i = 0; i < ds->nsellers; i++) {
		free(ds->sellers[i].id);
		free(ds->sellers[i].name);
		free(ds->sellers[i].home_postal_code);
		free(ds->sellers[i].email);
	}
	free(ds->customers);
	free(ds->orders);
	free(ds->activities);
	free(ds->sellers);
	memset(ds, 0, sizeof(*ds));
}

int32_t dataset_seller_index(const struct dataset *ds, const char *id)
{
	if (!id)
		return -1;
	for (size_t i = 0; i < ds->nsellers; i++)
		if (!strcmp(ds->sellers[i].id, id))
			return (int32_t)i;
	return -1;
}

int32_t dataset_customer_by_store_id(const struct dataset *ds, int64_t id)
{
	size_t lo = 0, hi = ds->ncustomers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->customers[mid].store_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ds->ncustomers && ds->customers[lo].store_id == id)
		return (int32_t)lo;
	for (size_t i = 0; i < ds->ncustomers; i++)
		if (ds->customers[i].store_id == id)
			return (int32_t)i;
	return -1;
}
