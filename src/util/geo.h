/* geo.h — places: great-circle distance, travel time by road factor and
 * speed, and Swedish postal codes -> coordinates from the table shipped in
 * the binary (data/postcodes-se.tsv, derived from GeoNames, CC BY 4.0). */
#ifndef FOKUS_GEO_H
#define FOKUS_GEO_H

/* Great-circle (haversine) distance in km on a sphere of radius 6371 km. */
double geo_km(double lat1, double lon1, double lat2, double lon2);

/* Looks up a Swedish postal code ("186 00", "18600", "SE-186 00"). Returns 0
 * and sets the coordinates, or -1 when unknown. Thread-safe after the first call. */
int geo_postcode_lookup(const char *postal_code, double *lat, double *lon);

/* Number of postal codes in the shipped table. */
int geo_postcode_count(void);

/* Normalizes a Swedish postal code to five digits in out[6]; returns 0, or -1
 * when it is not one. */
int geo_postcode_norm(const char *s, char out[6]);

#endif
