/* app/pulse.h — the weekly pulse of the workspace (docs/follow-up.md §4):
 * loaded once (the plan, every order and activity, the list of
 * categorizations), then computed for any week — one for `fokus pulse`,
 * the last twelve for the Atom feed — for the whole team or for one
 * seller's own view. Also sending it by e-mail. */
#ifndef FOKUS_APP_PULSE_H
#define FOKUS_APP_PULSE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "app/planned.h"
#include "core/pulse.h"
#include "store/snapshot.h"

struct sqlite3;

struct app_pulse {
	struct sqlite3 *db;
	struct app_planned plan;
	struct cat_runinfo *snaps; /* every categorization, oldest first */
	size_t nsnaps;
	/* the two snapshots loaded last (movements of consecutive weeks share them) */
	struct snapshot s_from, s_to;
	int64_t loaded_from, loaded_to;
};

/* Loads the workspace for pulses. Returns 0; 1 when there is no
 * categorization yet (*cause says so); -1 on an error (*cause). Free with
 * app_pulse_close (also after a failure). */
int app_pulse_open(struct sqlite3 *db, struct app_pulse *p, char **cause);
void app_pulse_close(struct app_pulse *p);

/* The Monday of the last complete ISO week before `today`. */
int32_t app_pulse_default_week(int32_t today);

/* The pulse of the week that starts on Monday `week`, for seller index
 * `only` (-1: the team). Fills *r (free with pulse_report_free). Returns 0
 * or -1 with *cause. */
int app_pulse_week(struct app_pulse *p, int32_t week, int32_t only, struct pulse_report *r,
                   char **cause);

#define APP_PULSE_FEED_WEEKS 12

/* The Atom feed of the pulse: one entry per week for the
 * APP_PULSE_FEED_WEEKS weeks up to the last whole week before `today`, for
 * seller index `only` (-1: the team), appended to out. site_url (or NULL:
 * links relative to the feed) and token make the feed's self link. Returns
 * 0 or -1 with *cause. */
int app_pulse_feed(struct app_pulse *p, int32_t only, int32_t today, const char *site_url,
                   const char *token, enum lang lang, struct strbuf *out, char **cause);

struct app_pulse_send {
	const char *const *to; /* addresses; NULL: every manager user with an e-mail address */
	size_t nto;
	const char *password_file;
	enum lang lang;
	time_t now;
};

/* Sends the pulse r by e-mail (HTML and text) over the SMTP settings, one
 * message per address. *sent gets how many the server took; the addresses
 * it refused are named in *cause. Returns 0 when all went, -1 otherwise
 * (*cause: no addresses, SMTP settings, the server's answer). */
int app_pulse_send(struct sqlite3 *db, const struct pulse_report *r, const struct app_pulse_send *o,
                   size_t *sent, char **cause);

#endif
