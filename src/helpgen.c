/* helpgen.c — the help, the man page and the bash completion, all made
 * from the command table (helpgen.h). The man page quotes each command's
 * help verbatim in no-fill mode, so what `man fokus` shows is what `fokus
 * help NAME` prints; tests/cli/test-install.sh checks it line by line. */
#include "helpgen.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#ifndef FOKUS_VERSION
#define FOKUS_VERSION "0.0.0"
#endif

static int by_order(const void *a, const void *b)
{
	const struct command *x = *(const struct command *const *)a;
	const struct command *y = *(const struct command *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->name, y->name);
}

const struct command **helpgen_sorted(void)
{
	const struct command **v = xmalloc((cmd_count + 1) * sizeof(*v));
	for (unsigned i = 0; i < cmd_count; i++)
		v[i] = cmd_table[i];
	qsort(v, cmd_count, sizeof(*v), by_order);
	return v;
}

void helpgen_overview(FILE *f)
{
	const struct command **sorted = helpgen_sorted();
	fprintf(f,
	        "fokus %s — give every customer the right focus\n\n"
	        "usage: fokus [--db PATH] COMMAND [options]\n\n"
	        "Commands:\n",
	        FOKUS_VERSION);
	for (unsigned i = 0; i < cmd_count; i++)
		fprintf(f, "  %-13s %s\n", sorted[i]->name, sorted[i]->summary);
	fprintf(f, "\nGlobal options:\n"
	           "  --db PATH     the workspace (default ./fokus.db, or $FOKUS_DB)\n"
	           "  --help, -h    this text; 'fokus help COMMAND' for one command\n"
	           "  --version     the version\n\n"
	           "Exit status: 0 success, 1 bad data or a failed job, 2 wrong usage.\n");
	free(sorted);
}

void helpgen_command(FILE *f, const struct command *c)
{
	fprintf(f, "usage: fokus %s\n\n%s\n", c->usage, c->summary);
	if (c->help && *c->help)
		fprintf(f, "\n%s", c->help);
}

/* --- the man page ------------------------------------------------------------ */

/* One line of text for roff: backslashes as \e, '-' as \- (an ASCII minus
 * to copy), a leading '.' or '\'' guarded by \&. */
static void roff_line(FILE *f, const char *s, size_t n)
{
	if (n && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-')
			fputs("\\-", f);
		else
			fputc(s[i], f);
	}
	fputc('\n', f);
}

/* Text verbatim in no-fill mode: each line as it is; an empty line as .sp. */
static void roff_verbatim(FILE *f, const char *text)
{
	fputs(".PP\n.nf\n", f);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n == 0)
			fputs(".sp\n", f);
		else
			roff_line(f, p, n);
		p += n + (nl ? 1 : 0);
	}
	fputs(".fi\n", f);
}

static char *capture(void (*fn)(FILE *, const struct command *), const struct command *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return xstrdup("");
	if (c)
		fn(m, c);
	else
		helpgen_overview(m);
	fclose(m);
	return buf;
}

void helpgen_man(FILE *f, const char *date)
{
	const struct command **sorted = helpgen_sorted();
	fprintf(f,
	        ".\\\" fokus(1) — made by `fokus help --man` from the program's own help text.\n"
	        ".TH FOKUS 1 \"%s\" \"fokus %s\" \"User Commands\"\n"
	        ".SH NAME\nfokus \\- give every customer the right focus\n"
	        ".SH SYNOPSIS\n.B fokus\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] \\fICOMMAND\\fR "
	        "[\\fIoptions\\fR]\n.SH DESCRIPTION\n"
	        "fokus categorizes B2B customers by revenue and potential (categories 1, 2R, 2P, "
	        "3), shows where the sellers' time goes, plans who contacts which customer how "
	        "often, and follows it up week by week. One binary, one SQLite workspace, the "
	        "dashboard included. What \\fBfokus \\-\\-help\\fR prints:\n",
	        date, FOKUS_VERSION);
	char *o = capture(NULL, NULL);
	roff_verbatim(f, o);
	free(o);
	fputs(".SH COMMANDS\nWhat \\fBfokus help\\fR \\fICOMMAND\\fR prints, for each command.\n",
	      f);
	for (unsigned i = 0; i < cmd_count; i++) {
		fprintf(f, ".SS %s\n", sorted[i]->name);
		char *t = capture(helpgen_command, sorted[i]);
		roff_verbatim(f, t);
		free(t);
	}
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n.B FOKUS_DB\nthe workspace when \\fB\\-\\-db\\fR is not given (default "
	      "\\fI./fokus.db\\fR)\n"
	      ".TP\n.B FOKUS_SMTP_PASSWORD\nthe SMTP password of \\fBnewsletter send\\fR and "
	      "\\fBpulse \\-\\-send\\fR (or \\fB\\-\\-password\\-file\\fR); never stored\n"
	      ".TP\n.B LANG\nSwedish texts and number formats when it starts with \\fIsv\\fR\n"
	      ".SH FILES\n"
	      ".TP\n.I /var/lib/fokus/fokus.db\nthe workspace of the systemd units "
	      "(fokus\\-categorize.timer, fokus\\-pulse.timer, fokus\\-serve.service)\n"
	      ".TP\n.I /etc/default/fokus\ntheir settings: FOKUS_DB, FOKUS_KEEP, FOKUS_LANG, "
	      "FOKUS_SMTP_PASSWORD\n"
	      ".SH SEE ALSO\nThe methods behind every number, with examples: "
	      "\\fI/usr/share/doc/fokus/\\fR (docs/ in the source).\n",
	      f);
	free(sorted);
}

/* --- bash completion ---------------------------------------------------------- */

struct words {
	char **v;
	size_t n;
};

static void add_word(struct words *w, const char *s, size_t n)
{
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->v[i]) == n && !strncmp(w->v[i], s, n))
			return;
	w->v = xreallocarray(w->v, w->n + 1, sizeof(char *));
	w->v[w->n++] = xstrndup(s, n);
}

static void free_words(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static void print_words(FILE *f, const struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		fprintf(f, "%s%s", i ? " " : "", w->v[i]);
}

static int optchar(char c)
{
	return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-';
}

/* Every --option in s. */
static void options_in(const char *s, struct words *w)
{
	for (const char *p = s; (p = strstr(p, "--")); p += 2) {
		if (p > s && optchar(p[-1]))
			continue;
		const char *q = p + 2;
		if (!islower((unsigned char)*q))
			continue;
		while (optchar(*q))
			q++;
		while (q > p + 2 && q[-1] == '-')
			q--;
		add_word(w, p, (size_t)(q - p));
	}
}

/* The word after an option in the usage: "--format text|csv" -> values,
 * "--out FILE" -> a file. */
struct optval {
	char *opt;
	char *values; /* "text csv json", or NULL */
	int file;
};

static void option_values(const char *usage, struct optval **ov, size_t *n)
{
	for (const char *p = usage; (p = strstr(p, "--")); p += 2) {
		const char *q = p + 2;
		while (optchar(*q))
			q++;
		if (*q != ' ')
			continue;
		const char *v = q + 1, *e = v;
		while (*e && !strchr(" ]", *e))
			e++;
		size_t vn = (size_t)(e - v);
		int values = vn && memchr(v, '|', vn) != NULL;
		for (size_t i = 0; i < vn && values; i++)
			if (!(islower((unsigned char)v[i]) || isdigit((unsigned char)v[i]) ||
			      v[i] == '|'))
				values = 0;
		int file = (vn >= 4 && !strncmp(v, "FILE", 4)) ||
		           (vn == 3 && !strncmp(v, "DIR", 3)) ||
		           (vn == 4 && !strncmp(v, "PATH", 4));
		if (!values && !file)
			continue;
		char *opt = xstrndup(p, (size_t)(q - p));
		int seen = 0;
		for (size_t i = 0; i < *n; i++)
			seen |= !strcmp((*ov)[i].opt, opt);
		if (seen) {
			free(opt);
			continue;
		}
		*ov = xreallocarray(*ov, *n + 1, sizeof(**ov));
		char *vals = values ? xstrndup(v, vn) : NULL;
		for (char *c = vals; c && *c; c++)
			if (*c == '|')
				*c = ' ';
		(*ov)[(*n)++] = (struct optval){opt, vals, file};
	}
}

/* Subcommands: the word after the command's name in each alternative of
 * the usage ("user add NAME ... | user list"), when it is a lower-case
 * word (or words joined by '|'). */
static void subcommands(const struct command *c, struct words *w)
{
	size_t nl = strlen(c->name);
	for (const char *p = c->usage; p; p = strstr(p, " | ")) {
		if (*p == ' ')
			p += 3;
		if (strncmp(p, c->name, nl) || p[nl] != ' ')
			continue;
		const char *s = p + nl + 1, *e = s;
		while (islower((unsigned char)*e) || *e == '-' || *e == '|')
			e++;
		if (e == s || !(*e == ' ' || *e == '\0'))
			continue;
		for (const char *a = s; a < e;) {
			const char *b = a;
			while (b < e && *b != '|')
				b++;
			if (b > a)
				add_word(w, a, (size_t)(b - a));
			a = b + 1;
		}
		p = e;
	}
}

void helpgen_bash(FILE *f)
{
	const struct command **sorted = helpgen_sorted();
	struct words cmds = {0};
	for (unsigned i = 0; i < cmd_count; i++)
		add_word(&cmds, sorted[i]->name, strlen(sorted[i]->name));
	fputs("# bash completion for fokus(1) — made by `fokus help --bash-completion` from\n"
	      "# the program's command table: commands, subcommands, options and their values.\n"
	      "_fokus()\n{\n"
	      "    local cur prev cmd ci=0 i\n"
	      "    cur=${COMP_WORDS[COMP_CWORD]}\n"
	      "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "        case ${COMP_WORDS[i]} in\n"
	      "        --db) ((i++)) ;;\n"
	      "        -*) ;;\n"
	      "        *) cmd=${COMP_WORDS[i]}; ci=$i; break ;;\n"
	      "        esac\n"
	      "    done\n"
	      "    if [[ $prev == --db ]]; then\n"
	      "        COMPREPLY=($(compgen -f -- \"$cur\")); return\n"
	      "    fi\n"
	      "    if [[ -z $cmd ]]; then\n"
	      "        COMPREPLY=($(compgen -W \"--db --help --version ",
	      f);
	print_words(f, &cmds);
	fputs("\" -- \"$cur\")); return\n    fi\n"
	      "    local opts='' subs='' vals='' file=0\n"
	      "    case $cmd in\n",
	      f);
	for (unsigned i = 0; i < cmd_count; i++) {
		const struct command *c = sorted[i];
		struct words opts = {0}, subs = {0};
		struct optval *ov = NULL;
		size_t nov = 0;
		options_in(c->usage, &opts);
		options_in(c->help ? c->help : "", &opts);
		add_word(&opts, "--help", 6);
		if (!strcmp(c->name, "help")) {
			for (size_t k = 0; k < cmds.n; k++)
				add_word(&subs, cmds.v[k], strlen(cmds.v[k]));
		} else {
			subcommands(c, &subs);
		}
		option_values(c->usage, &ov, &nov);
		fprintf(f, "    %s)\n        opts='", c->name);
		print_words(f, &opts);
		fputs("'\n", f);
		if (subs.n) {
			fputs("        subs='", f);
			print_words(f, &subs);
			fputs("'\n", f);
		}
		if (nov) {
			fputs("        case $prev in\n", f);
			for (size_t k = 0; k < nov; k++) {
				if (ov[k].values)
					fprintf(f, "        %s) vals='%s' ;;\n", ov[k].opt,
					        ov[k].values);
				else
					fprintf(f, "        %s) file=1 ;;\n", ov[k].opt);
				free(ov[k].opt);
				free(ov[k].values);
			}
			fputs("        esac\n", f);
		}
		fputs("        ;;\n", f);
		free(ov);
		free_words(&opts);
		free_words(&subs);
	}
	fputs(
	    "    esac\n"
	    "    if ((file)); then COMPREPLY=($(compgen -f -- \"$cur\")); return; fi\n"
	    "    if [[ -n $vals ]]; then COMPREPLY=($(compgen -W \"$vals\" -- \"$cur\")); return; "
	    "fi\n"
	    "    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); "
	    "return; "
	    "fi\n"
	    "    if [[ -n $subs ]] && ((COMP_CWORD == ci + 1)); then\n"
	    "        COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\")); return\n"
	    "    fi\n"
	    "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "}\n"
	    "complete -F _fokus fokus\n",
	    f);
	free_words(&cmds);
	free(sorted);
}
