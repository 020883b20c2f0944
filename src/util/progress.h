/* progress.h — one progress line for a long job on a terminal: what is
 * being done, how far (percent, done of total), the rate and the time left,
 * redrawn in place (carriage return) at most ten times a second on standard
 * error. It is drawn only when standard error is a terminal and the command
 * was not given --quiet; otherwise every call does nothing, so a job calls
 * it unconditionally and pipes, files and scripts stay clean.
 *
 *     struct progress pg;
 *     progress_start(&pg, "routes", PROGRESS_COUNT, "sellers", quiet, lang);
 *     for (i = 0; i < n; i++) { ...; progress_update(&pg, i + 1, n); }
 *     progress_end(&pg);
 *
 * A layer below the commands (core, app, render) never prints: it takes a
 * progress_fn and its argument, and the command passes progress_cb with its
 * struct progress (the callback shape is importer_opts.progress's). The
 * struct belongs to its caller; nothing here is shared between threads. */
#ifndef FOKUS_PROGRESS_H
#define FOKUS_PROGRESS_H
#include <stdio.h>

#include "util/i18n.h"

/* Called now and then with how much of the job is done of total (total <= 0:
 * unknown). done going back means a new pass over the same work. */
typedef void (*progress_fn)(void *arg, long long done, long long total);

enum progress_unit {
	PROGRESS_COUNT, /* things: "37 of 150 sellers" */
	PROGRESS_BYTES, /* bytes of a file: "12.3 of 27.4 MB", "8.1 MB/s" */
};

struct progress {
	FILE *out; /* NULL: off */
	enum progress_unit unit;
	enum lang lang;
	char label[48];      /* "importing orders.csv" */
	char what[24];       /* PROGRESS_COUNT: "sellers" */
	int pass;            /* 1, 2, ... when done went back */
	double t0, drawn_at; /* seconds (monotonic): start of the pass, last draw */
	long long last_done;
	int shown; /* a line is on the screen */
	int cols;  /* terminal width */
	/* seconds; NULL (as started): CLOCK_MONOTONIC. A test sets its own
	 * after progress_start_on, and t0 = clock(). */
	double (*clock)(void);
};

/* Starts a line labelled `label` (cut to fit) counting `what` (PROGRESS_COUNT;
 * may be NULL). Drawn on stderr only when stderr is a terminal and quiet is
 * 0; otherwise p is off. Nothing is drawn until the first update. */
void progress_start(struct progress *p, const char *label, enum progress_unit unit,
                    const char *what, int quiet, enum lang lang);
/* The same on out whatever it is (NULL: off), for tests. */
void progress_start_on(struct progress *p, FILE *out, const char *label, enum progress_unit unit,
                       const char *what, enum lang lang);
/* Redraws the line for done of total when 0.1 s passed since the last draw,
 * or when done == total. */
void progress_update(struct progress *p, long long done, long long total);
/* progress_update in the progress_fn shape: arg is the struct progress. */
void progress_cb(void *arg, long long done, long long total);
/* A new stage of the job under another label (rate and time left restart). */
void progress_relabel(struct progress *p, const char *label);
/* Clears the line (the job's own output follows on a clean line). */
void progress_end(struct progress *p);

/* The line's text for done of total after `elapsed` seconds of the pass,
 * without the carriage return: e.g. "importing orders.csv · 45% · 12.3 of 27.4
 * MB · 8.1 MB/s · 2 s left" (sv: "45 % · 12,3 av 27,4 MB ... 2 s kvar"). Rate and time
 * left show once 0.5 s passed with something done. Returns buf. */
const char *progress_format(char *buf, size_t cap, const struct progress *p, long long done,
                            long long total, double elapsed);

#endif
