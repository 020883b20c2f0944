/* cmd-user.c — `fokus user add|list|remove|passwd`: the dashboard's users. */
#include "cmd.h"
#include "render/table.h"
#include "store/audit.h"
#include "store/user.h"
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
	    {NULL, 0, NULL, 0},
	};
	const char *role_s = NULL, *seller = NULL;
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
		default:
			return cmd_usage(&cmd_user);
		}
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
	if (rc < 0) {
		cmd_error(&cmd_user, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rc == 1) {
		cmd_error(&cmd_user, "no user named '%s'", argv[1]);
		return EXIT_DATA;
	}
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
	if (rc < 0) {
		cmd_error(&cmd_user, "%s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (rc == 1) {
		cmd_error(&cmd_user, "no user named '%s'", argv[1]);
		return EXIT_DATA;
	}
	fprintf(stderr, "user %s removed (and logged out)\n", argv[1]);
	cmd_audit_note(ctx, "user-remove", "%s", argv[1]);
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
	cmd_error(&cmd_user, "unknown subcommand '%s'", sub);
	return cmd_usage(&cmd_user);
}

const struct command cmd_user = {
    .name = "user",
    .usage = "user add NAME --role admin|manager|seller|service [--seller-id ID] "
             "[--password-stdin] | user list | user remove NAME | user passwd NAME "
             "[--password-stdin]",
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
            "\n"
            "Examples:\n"
            "  fokus user add anna --role manager\n"
            "  echo 'long secret' | fokus user add erik --role seller --seller-id S03 "
            "--password-stdin\n",
    .order = 910,
    .run = user_run,
};
