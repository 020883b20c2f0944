/* app/adherence.h — plan adherence of the workspace: the plan per customer
 * (app/planned.h), the activities, the period (given or the default of
 * core/adherence.h), computed and ready to render. For `fokus adherence`,
 * GET /api/adherence, the report and the weekly pulse. */
#ifndef FOKUS_APP_ADHERENCE_H
#define FOKUS_APP_ADHERENCE_H
#include <stdint.h>
#include <stdio.h>

#include "app/planned.h"
#include "core/adherence.h"
#include "render/adherence.h"

struct sqlite3;

struct app_adherence {
	struct app_planned plan;
	struct adherence a;
	struct adherence_view view; /* points into the two above */
};

enum { APP_ADH_NO_SNAPSHOT = 1, APP_ADH_NO_SELLER = 2, APP_ADH_BAD_PERIOD = 3 };

/* Loads and computes over from..to (DAYS_NONE: the default ends), for
 * seller_id only when not NULL. Returns 0; APP_ADH_NO_SNAPSHOT (no
 * categorization), APP_ADH_NO_SELLER (unknown seller_id) or
 * APP_ADH_BAD_PERIOD with *cause; -1 on a workspace error (*cause). Free
 * with app_adherence_free (also after a failure). */
int app_adherence_load(struct sqlite3 *db, int32_t from, int32_t to, const char *seller_id,
                       struct app_adherence *x, char **cause);
void app_adherence_free(struct app_adherence *x);

/* The report's section for the default period (nothing when there is no
 * categorization yet). Returns 0 or -1 with *cause. */
int app_adherence_html(struct sqlite3 *db, FILE *f, enum lang lang, char **cause);

#endif
