/* assets.c — the front end (every file under web/, embedded in the binary
 * at build time as web_assets_table) looked up by URL path. Only names in
 * that table can be served: there is no file system access, so no path can
 * leave the asset set. */
#include "web/handlers.h"

#include <string.h>

extern const struct embedded_asset web_assets_table[];
extern const size_t web_assets_count;

static const struct {
	const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {"LICENSE", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t k = strlen(types[i].ext);
		if (n >= k && !strcmp(path + n - k, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

const struct embedded_asset *assets_find(const char *path, const char **type)
{
	char want[512];
	if (!path || path[0] != '/' || strstr(path, "..") || strlen(path) > 400)
		return NULL;
	if (!strcmp(path, "/"))
		path = "/index.html";
	/* Table paths are "web/NAME"; the URL is "/NAME". */
	strcpy(want, "web");
	strcat(want, path);
	for (size_t i = 0; i < web_assets_count; i++) {
		if (!strcmp(web_assets_table[i].path, want)) {
			*type = type_of(want);
			return &web_assets_table[i];
		}
	}
	return NULL;
}
