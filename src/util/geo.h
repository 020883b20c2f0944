/* geo.h — places: great-circle distance, travel time by road factor and
 * speed, and Swedish postal codes -> coordinates from the table shipped in
 * the binary (data/postcodes-se.tsv, derived from GeoNames, CC BY 4.0). */
#ifndef FOKUS_GEO_H
#define FOKUS_GEO_H

/* Great-circle (haversine) distance in km on a sphere of radius 6371 km. */
double geo_km(double lat1, double lon1, double lat2, double lon2);

/* Looks up a Swedish postal code ("186 00", "18600", "SE-186 00"). Returns 0
 * and sets *lat and *lon, or -1 when unknown. Thread-safe after the first call. */
int geo_postcode_lookup(const char *postal_code, double *lat, double *lon);

/* Number of postal codes in the shipped table. */
int geo_postcode_count(void);

/* Normalizes a Swedish postal code to five digits in out[6]; returns 0, or -1
 * when it is not one. */
int geo_postcode_norm(const char *s, char out[6]);

/* The i-th postal code of the shipped table (0 <= i < geo_postcode_count(),
 * ascending by code): fills code[6] (five digits), *lat, *lon and *place (the
 * place name, static storage: never freed). Returns 0, or -1 when i is out of
 * range. Lets callers walk the table (e.g. the sample company's generator). */
int geo_postcode_at(int i, char code[6], double *lat, double *lon, const char **place);

#endif
