/* pulse.h (render) — the weekly pulse as text, as an HTML fragment that
 * reads in an e-mail and a feed reader (inline styles only, no script, no
 * external files), as JSON, and its e-mail subject. The same struct feeds
 * `fokus pulse`, the e-mail and the Atom feed. */
#ifndef FOKUS_RENDER_PULSE_H
#define FOKUS_RENDER_PULSE_H

#include <jansson.h>

#include "core/pulse.h"
#include "util/i18n.h"
#include "util/strbuf.h"

/* "Weekly pulse 2026-W49: 23 meetings booked, the best in 14 weeks" /
 * "Veckopuls 2026-W49: 23 bokade möten, bästa på 14 veckor". Caller frees. */
char *pulse_subject(const struct pulse_report *r, enum lang lang);

/* The title of the pulse ("Weekly pulse 2026-W49 (30 Nov – 6 Dec 2026)"). Caller frees. */
char *pulse_title(const struct pulse_report *r, enum lang lang);

void pulse_text(struct strbuf *out, const struct pulse_report *r, enum lang lang);
void pulse_html(struct strbuf *out, const struct pulse_report *r, enum lang lang);
/* New reference. Fields: docs/follow-up.md §4. */
json_t *pulse_json(const struct pulse_report *r);

#endif
