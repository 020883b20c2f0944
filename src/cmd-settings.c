/* cmd-settings.c — `fokus settings set|get|unset|list`: the workspace's
 * settings (the SMTP server of the newsletter and the pulse, the
 * dashboard's public address). The keys and their checks are in
 * app/settings.c. */
#include "app/settings.h"
#include "cmd.h"
#include "render/table.h"
#include "store/settings.h"
#include "util/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct command cmd_settings;

static int fail(char *cause)
{
	cmd_error(&cmd_settings, "%s", cause);
	free(cause);
	return EXIT_DATA;
}

static int set_run(struct sqlite3 *db, const char *key, const char *value)
{
	char *cause = NULL;
	char *v = app_setting_check(key, value, &cause);
	if (!v) {
		cmd_error(&cmd_settings, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	int rc = settings_set(db, key, v, &cause);
	free(v);
	return rc == 0 ? EXIT_OK : fail(cause);
}

static int get_run(struct sqlite3 *db, const char *key)
{
	const struct app_setting_def *d = app_setting_find(key);
	if (!d || d->hidden) {
		cmd_error(&cmd_settings,
		          "there is no setting '%s'; 'fokus settings list' shows them", key);
		return EXIT_USAGE;
	}
	char *v = NULL, *cause = NULL;
	if (app_setting_value(db, key, &v, &cause) != 0)
		return fail(cause);
	if (v)
		printf("%s\n", v);
	free(v);
	return v ? EXIT_OK : EXIT_DATA;
}

static int list_run(struct cmd_ctx *ctx, struct sqlite3 *db)
{
	struct setting *v = NULL;
	int n = 0;
	char *cause = NULL;
	if (settings_list(db, &v, &n, &cause) != 0)
		return fail(cause);
	struct table *t = table_new(3, "lll");
	const char *head[] = {TR(ctx->lang, "setting", "inställning"),
	                      TR(ctx->lang, "value", "värde"),
	                      TR(ctx->lang, "what it is", "vad den är")};
	table_row(t, head);
	for (const struct app_setting_def *d = app_settings; d->key; d++) {
		if (d->hidden)
			continue;
		const char *val = NULL;
		for (int i = 0; i < n; i++)
			if (!strcmp(v[i].key, d->key))
				val = v[i].value;
		char *shown =
		    val      ? xstrdup(val)
		    : d->def ? xasprintf("%s (%s)", d->def, TR(ctx->lang, "default", "standard"))
		             : xstrdup("-");
		const char *row[] = {d->key, shown, TR(ctx->lang, d->help_en, d->help_sv)};
		table_row(t, row);
		free(shown);
	}
	table_print(t, stdout, 1);
	table_free(t);
	settings_list_free(v, n);
	return EXIT_OK;
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_settings);
	const char *sub = argv[1];
	int want = !strcmp(sub, "set") ? 4 : !strcmp(sub, "list") ? 2 : 3;
	if (strcmp(sub, "set") && strcmp(sub, "get") && strcmp(sub, "unset") &&
	    strcmp(sub, "list")) {
		cmd_error(&cmd_settings, "unknown subcommand '%s'", sub);
		return cmd_usage(&cmd_settings);
	}
	if (argc != want)
		return cmd_usage(&cmd_settings);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	if (!strcmp(sub, "set"))
		return set_run(db, argv[2], argv[3]);
	if (!strcmp(sub, "get"))
		return get_run(db, argv[2]);
	if (!strcmp(sub, "list"))
		return list_run(ctx, db);
	const struct app_setting_def *d = app_setting_find(argv[2]);
	if (!d || d->hidden) {
		cmd_error(&cmd_settings, "there is no setting '%s'", argv[2]);
		return EXIT_USAGE;
	}
	char *cause = NULL;
	return settings_unset(db, argv[2], &cause) == 0 ? EXIT_OK : fail(cause);
}

const struct command cmd_settings = {
    .name = "settings",
    .usage = "settings set KEY VALUE | settings get KEY | settings unset KEY | settings list",
    .summary = "the workspace's settings: the SMTP server, the dashboard's address",
    .help = "Settings live in the workspace. 'settings list' shows every one with its value\n"
            "or default; 'get' prints one value (exit 1 when it has none); 'unset' returns\n"
            "one to its default.\n\n"
            "  smtp.host HOST        the SMTP server of 'fokus newsletter send' and\n"
            "                        'fokus pulse --send'\n"
            "  smtp.port PORT        587 (default; STARTTLS), 25, or 465 (TLS from the start)\n"
            "  smtp.from ADDRESS     the sender: 'Name <news@example.se>' or an address\n"
            "  smtp.user NAME        login name at the server (unset: no login)\n"
            "  smtp.starttls yes|no  require encryption with STARTTLS (default yes; the\n"
            "                        password is never sent without it unless you say no)\n"
            "  smtp.rate N           at most N messages per second (default 10)\n"
            "  smtp.cafile FILE      certificate authority of a server with its own certificate\n"
            "  site.url URL          the dashboard's public address (https://...): the\n"
            "                        newsletter's one-click unsubscribe link and the feed\n"
            "  newsletter.reply_to ADDRESS   where replies go (default: smtp.from)\n\n"
            "The SMTP password is never a setting and never stored: it comes from the\n"
            "environment variable FOKUS_SMTP_PASSWORD or from --password-file FILE.\n\n"
            "Examples:\n"
            "  fokus settings set smtp.host smtp.example.se\n"
            "  fokus settings set smtp.from 'Exempelgrossisten <nyhetsbrev@example.se>'\n"
            "  fokus settings set smtp.rate 2\n"
            "  fokus settings list\n",
    .order = 905,
    .run = run,
};
