/* cmd-user.c — `fokus user add|list|remove|passwd`: the dashboard's users. */
#include "app/settings.h"
#include "cmd.h"
#include "render/table.h"
#include "store/audit.h"
#include "store/user.h"
#include "util/mailaddr.h"
#include "util/xmalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

extern const struct command cmd_user;

/* Reads one line (without its newline) from f; NULL at EOF. Caller frees. */
static char *read_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* Asks for a password on the terminal without echo, twice. NULL on failure. */
static char *prompt_password(void)
{
	struct termios old, quiet;
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &old) != 0)
		return NULL;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	char *a = NULL, *b = NULL;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	fprintf(stderr, "Password: ");
	a = read_line(stdin);
	fprintf(stderr, "\nRepeat password: ");
	b = read_line(stdin);
	fprintf(stderr, "\n");
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	if (!a || !b || strcmp(a, b) != 0) {
		if (a && b)
			fprintf(stderr, "fokus user: the passwords differ\n");
		free(a);
		free(b);
		return NULL;
	}
	free(b);
	return a;
}

static char *get_password(int from_stdin)
{
	if (from_stdin)
		return read_line(stdin);
	char *p = prompt_password();
	if (!p && !isatty(STDIN_FILENO))
		cmd_error(&cmd_user, "no terminal to ask for the password; use --password-stdin");
	return p;
}

static int user_add_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"seller-id", required_argument, NULL, 's'},
	    {"password-stdin", no_argument, NULL, 'p'},
	    {"email", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0},
	};
	const char *role_s = NULL, *seller = NULL, *email = NULL;
	int from_stdin = 0, c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			role_s = optarg;
			break;
		case 's':
			seller = optarg;
			break;
		case 'p':
			from_stdin = 1;
			break;
		case 'e':
			email = optarg;
			break;
		default:
			return cmd_usage(&cmd_user);
		}
	}
	if (email && !mailaddr_valid(email)) {
		cmd_error(&cmd_user, "--email wants an e-mail address, not '%s'", email);
		return EXIT_USAGE;
	}
	if (optind + 1 != argc || !role_s)
		return cmd_usage(&cmd_user);
	enum user_role role;
	if (user_role_parse(role_s, &role) != 0) {
		cmd_error(&cmd_user, "unknown role '%s' (admin, manager, seller or service)",
		          role_s);
		return EXIT_USAGE;
	}
	if (role == USER_SELLER && !seller) {
		cmd_error(&cmd_user,
		          "a seller needs --seller-id ID (their ID in the sellers file)");
		return EXIT_USAGE;
	}
	if (role != USER_SELLER && seller) {
		cmd_error(&cmd_user, "--seller-id is only for the role seller");
		return EXIT_USAGE;
	}
	if (user_crypto_init() != 0) {
		cmd_error(&cmd_user, "libsodium cannot start");
		return EXIT_DATA;
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *pw = get_password(from_stdin);
	if (!pw) {
		if (from_stdin)
			cmd_error(&cmd_user, "no password on standard input");
		return EXIT_DATA;
	}
	char *cause = NULL;
	int rc = user_add(db, argv[optind], role, seller, pw, &cause);
	free(pw);
	if (rc == 0 && email)
		rc = user_email_set(db, argv[optind], email, &cause) < 0 ? -1 : 0;
	if (rc != 0) {
		cmd_error(&cmd_user, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	fprintf(stderr, "user %s added (%s%s%s)\n", argv[optind], user_role_code(role),
	        seller ? ", seller " : "", seller ? seller : "");
	cmd_audit_note(ctx, "user-add", AUDIT_USER_ADD_FMT, argv[optind], user_role_code(role),
	               seller ? ", seller " : "", seller ? seller : "");
	return EXIT_OK;
}

/* The answer to a user-store call that did not succeed: rc -1 (a workspace
 * error, *cause) or 1 (no such user). Returns the exit status. */
static int user_failed(int rc, const char *name, char *cause)
{
	if (rc < 0)
		cmd_error(&cmd_user, "%s", cause);
	else
		cmd_error(&cmd_user, "no user named '%s'", name);
	free(cause);
	return EXIT_DATA;
}

static int user_passwd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	int from_stdin = argc == 3 && !strcmp(argv[2], "--password-stdin");
	if (argc != 2 && !from_stdin)
		return cmd_usage(&cmd_user);
	if (user_crypto_init() != 0)
		return EXIT_DATA;
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *pw = get_password(from_stdin), *cause = NULL;
	if (!pw)
		return EXIT_DATA;
	int rc = user_set_password(db, argv[1], pw, &cause);
	free(pw);
	if (rc != 0)
		return user_failed(rc, argv[1], cause);
	fprintf(stderr, "password of %s changed (and their sessions ended)\n", argv[1]);
	cmd_audit_note(ctx, "user-passwd", "%s", argv[1]);
	return EXIT_OK;
}

static int user_list_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_user);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	struct user *v = NULL;
	int n = 0;
	char *cause = NULL;
	if (user_list(db, &v, &n, &cause) != 0) {
		cmd_error(&cmd_user, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	printf("name\trole\tseller_id\tcreated_at\n");
	for (int i = 0; i < n; i++) {
		printf("%s\t%s\t%s\t%s\n", v[i].name, user_role_code(v[i].role),
		       v[i].seller_id ? v[i].seller_id : "",
		       v[i].created_at ? v[i].created_at : "");
		user_free(&v[i]);
	}
	free(v);
	return EXIT_OK;
}

static int user_remove_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cmd_usage(&cmd_user);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL;
	int rc = user_remove(db, argv[1], &cause);
	if (rc != 0)
		return user_failed(rc, argv[1], cause);
	fprintf(stderr, "user %s removed (and logged out)\n", argv[1]);
	cmd_audit_note(ctx, "user-remove", "%s", argv[1]);
	return EXIT_OK;
}

/* user email NAME [ADDRESS | --clear]: prints, sets or clears the address. */
static int user_email_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || argc > 3)
		return cmd_usage(&cmd_user);
	const char *set = argc == 3 ? argv[2] : NULL;
	int clear = set && !strcmp(set, "--clear");
	if (set && !clear && !mailaddr_valid(set)) {
		cmd_error(&cmd_user, "'%s' is not an e-mail address", set);
		return EXIT_USAGE;
	}
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char *cause = NULL, *cur = NULL;
	int rc = set ? user_email_set(db, argv[1], clear ? NULL : set, &cause)
	             : user_email_get(db, argv[1], &cur, &cause);
	if (rc != 0)
		return user_failed(rc, argv[1], cause);
	if (set)
		cmd_audit_note(ctx, "user-email", "%s: %s", argv[1], clear ? "cleared" : set);
	if (!set && cur)
		printf("%s\n", cur);
	free(cur);
	return set || cur ? EXIT_OK : EXIT_DATA;
}

/* user feed-token NAME [--revoke]: a new token for the pulse's Atom feed. */
static int user_feed_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	int revoke = argc == 3 && !strcmp(argv[2], "--revoke");
	if (argc != 2 && !revoke)
		return cmd_usage(&cmd_user);
	struct sqlite3 *db = cmd_db(ctx);
	if (!db)
		return EXIT_DATA;
	char tok[USER_FEED_TOKEN_LEN + 1], *cause = NULL;
	struct user u;
	int rc = user_get(db, argv[1], &u, &cause);
	if (rc == 0 && u.role == USER_SERVICE && !revoke) {
		cmd_error(&cmd_user, "customer service has no pulse, so no feed");
		user_free(&u);
		return EXIT_DATA;
	}
	if (rc == 0)
		user_free(&u);
	if (rc == 0)
		rc = revoke ? user_feed_token_revoke(db, argv[1], &cause)
		            : user_feed_token_new(db, argv[1], tok, &cause);
	if (rc != 0)
		return user_failed(rc, argv[1], cause);
	cmd_audit_note(ctx, revoke ? "user-feed-revoke" : "user-feed-token", "%s", argv[1]);
	if (revoke) {
		fprintf(stderr, "the feed token of %s no longer works\n", argv[1]);
		return EXIT_OK;
	}
	char *site = NULL;
	if (app_setting_value(db, "site.url", &site, &cause) != 0) {
		free(cause);
		site = NULL;
	}
	printf("%s/feed/pulse.atom?token=%s\n", site ? site : "", tok);
	if (!site)
		fprintf(stderr,
		        "the feed of %s: the dashboard's address followed by the line above "
		        "(any earlier token of %s no longer works)\n",
		        argv[1], argv[1]);
	else
		fprintf(stderr, "the feed of %s (any earlier token no longer works)\n", argv[1]);
	free(site);
	return EXIT_OK;
}

static int user_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage(&cmd_user);
	const char *sub = argv[1];
	argc--;
	argv++;
	optind = 0;
	if (!strcmp(sub, "add"))
		return user_add_run(ctx, argc, argv);
	if (!strcmp(sub, "list"))
		return user_list_run(ctx, argc, argv);
	if (!strcmp(sub, "remove"))
		return user_remove_run(ctx, argc, argv);
	if (!strcmp(sub, "passwd"))
		return user_passwd_run(ctx, argc, argv);
	if (!strcmp(sub, "email"))
		return user_email_run(ctx, argc, argv);
	if (!strcmp(sub, "feed-token"))
		return user_feed_run(ctx, argc, argv);
	cmd_error(&cmd_user, "unknown subcommand '%s'", sub);
	return cmd_usage(&cmd_user);
}

const struct command cmd_user = {
    .name = "user",
    .usage = "user add NAME --role admin|manager|seller|service [--seller-id ID] "
             "[--password-stdin] [--email ADDRESS] | user list | user remove NAME | user passwd "
             "NAME [--password-stdin] | user email NAME [ADDRESS|--clear] | user feed-token NAME "
             "[--revoke]",
    .summary = "manage the dashboard's users (fokus serve)",
    .help = "Users log in to the dashboard (fokus serve). Each has one role:\n"
            "  admin    everything, and manages users\n"
            "  manager  every customer, overrides categories, imports, saves categorizations\n"
            "  seller   only the customers whose owner (seller_id) is their --seller-id;\n"
            "           others do not exist for them (404)\n"
            "  service  customer service: only category 3 customers\n"
            "\n"
            "  user add NAME --role ROLE [--seller-id ID] [--password-stdin]\n"
            "      Asks for the password twice on the terminal, or reads one line from\n"
            "      standard input with --password-stdin. At least 8 characters; stored\n"
            "      as an argon2id hash (libsodium), never in clear.\n"
            "  user list               name, role, seller ID, created (tab-separated)\n"
            "  user remove NAME        removes the user and ends their sessions\n"
            "  user passwd NAME [--password-stdin]   sets a new password and ends the\n"
            "                                        user's sessions (logged out everywhere)\n"
            "  user add ... --email ADDRESS, user email NAME [ADDRESS|--clear]\n"
            "      the user's e-mail address (prints it without ADDRESS): 'fokus pulse\n"
            "      --send' goes to every manager that has one\n"
            "  user feed-token NAME [--revoke]\n"
            "      prints a new token for the weekly pulse's Atom feed as its address\n"
            "      (site.url + /feed/pulse.atom?token=..., or the path alone); feed readers\n"
            "      cannot log in. It opens nothing but the feed, scoped like the user (a\n"
            "      seller sees their own pulse). The workspace keeps only its hash: a new\n"
            "      token replaces the old one; --revoke ends it\n"
            "\n"
            "Examples:\n"
            "  fokus user add anna --role manager\n"
            "  echo 'long secret' | fokus user add erik --role seller --seller-id S03 "
            "--password-stdin\n",
    .order = 910,
    .run = user_run,
};
