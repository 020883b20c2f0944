/* svg.h — the revenue × potential matrix as an SVG scatter plot: log
 * scales, shaded and labelled quadrants, threshold lines, one point per
 * customer coloured by category, axis labels and a legend. Also the
 * category colours every visual output shares. */
#ifndef FOKUS_SVG_H
#define FOKUS_SVG_H
#include <stddef.h>
#include <stdio.h>

#include "core/category.h"
#include "util/i18n.h"

/* Above this many customers, customers that fall in the same 3×3 px cell
 * with the same category are drawn as one point (the picture looks the same,
 * the file stays small). */
#define SVG_EXACT_POINTS 20000

/* "#1a7f5a"... the strong colour of a category, and its light shade for
 * areas; "#888888" for anything else. */
const char *svg_category_color(int category);
const char *svg_category_shade(int category);

/* Writes a standalone SVG document (with XML declaration when standalone,
 * else an inline <svg> element for html) of the matrix of rows[0..n) of a
 * run. title may be NULL (a default title is used). Returns the number of
 * points drawn. */
size_t svg_matrix(FILE *f, const struct cat_run *run, const struct cat_row *rows, size_t n,
                  const char *title, int standalone, enum lang lang);

#endif
