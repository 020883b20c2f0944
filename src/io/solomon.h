/* solomon.h — reading a VRPTW instance in Solomon's text format: a name
 * line, "VEHICLE" with the fleet size and capacity, "CUSTOMER" and then one
 * row per place: number, x, y, demand, ready time, due date, service time;
 * the first row is the depot. */
#ifndef FOKUS_SOLOMON_H
#define FOKUS_SOLOMON_H

#include "util/error.h"

struct solomon_row {
	int id; /* the number in the file (0 for the depot) */
	double x, y, demand, ready, due, service;
};

struct solomon {
	char name[64];
	int vehicles;
	double capacity;
	int nrows;               /* places, the depot first */
	struct solomon_row *row; /* nrows entries */
};

/* Reads the instance at path into *out (free with solomon_free). Returns 0,
 * or -1 with err (file:line and a sentence). */
int solomon_read(const char *path, struct solomon *out, struct ferr *err);

/* Frees what solomon_read allocated (not s itself). NULL-safe. */
void solomon_free(struct solomon *s);

#endif
