/* web/handlers.h — the route handlers that web.c's route table dispatches
 * to: auth.c (login, logout, me), api.c (summary, customers, overrides,
 * matrix, sellers, exports), catapi.c (history, save a categorization),
 * importapi.c (uploads), anaapi.c (activity diagnosis), planapi.c (plan,
 * exports), routeapi.c (a seller's week), dayapi.c ("My day"),
 * followapi.c (plan adherence, the pulse feed, unsubscribing),
 * admin.c (users, audit log). Each fills c->rs. */
#ifndef FOKUS_WEB_HANDLERS_H
#define FOKUS_WEB_HANDLERS_H

#include "web/web.h"

void auth_login(struct web_ctx *c);
void auth_logout(struct web_ctx *c);
void auth_me(struct web_ctx *c);

void api_summary(struct web_ctx *c);
void api_customers(struct web_ctx *c);
void api_customer(struct web_ctx *c);
void api_override(struct web_ctx *c);
void api_matrix(struct web_ctx *c);
void api_sellers(struct web_ctx *c);
void api_map(struct web_ctx *c);
void api_calllist(struct web_ctx *c);
void api_customers_export(struct web_ctx *c);

void catapi_history(struct web_ctx *c);
void catapi_categorize(struct web_ctx *c);

void importapi_upload(struct web_ctx *c);
void importapi_progress(struct web_ctx *c);

void planapi_plan(struct web_ctx *c);
void planapi_sub(struct web_ctx *c);
void planapi_export(struct web_ctx *c);
void routeapi_week(struct web_ctx *c);

void anaapi_analysis(struct web_ctx *c);
void anaapi_uncontacted(struct web_ctx *c);

void dayapi_day(struct web_ctx *c);
void dayapi_action(struct web_ctx *c);
void followapi_adherence(struct web_ctx *c);
void followapi_feed(struct web_ctx *c);
void followapi_unsubscribe_page(struct web_ctx *c);
void followapi_unsubscribe(struct web_ctx *c);

void admin_users(struct web_ctx *c);
void admin_user_add(struct web_ctx *c);
void admin_user_remove(struct web_ctx *c);
void admin_audit(struct web_ctx *c);
/* One audit entry as JSON {id, at (ISO UTC), actor, address, action,
 * detail}: the dashboard's and `fokus audit --format json`'s. */
struct audit_entry;
void admin_audit_json(struct jsonw *w, const struct audit_entry *e);

/* The embedded asset for a URL path ("/" is index.html), or NULL. Sets *type. */
const struct embedded_asset *assets_find(const char *path, const char **type);

struct embedded_asset {
	const char *path;
	const unsigned char *data;
	size_t size;
};

#endif
