/* test-geo.c — covers src/util/geo.c: haversine distances, postal-code
 * normalization, lookups in the shipped GeoNames table (values checked
 * against tests/data/geonames_SE_postcodes.txt by hand), the
 * thread-safe first use, and the speed of a million lookups. */
#include "testutil.h"

#include <pthread.h>
#include <math.h>
#include <time.h>

#include "util/geo.h"

#define NTHREADS 4

static void *lookup_many(void *arg)
{
	int *bad = arg;
	for (int i = 0; i < 2000; i++) {
		double lat, lon;
		if (geo_postcode_lookup(i % 2 ? "186 00" : "98499", &lat, &lon) != 0 ||
		    (i % 2 && (lat != 59.5344 || lon != 18.0776)))
			(*bad)++;
	}
	return NULL;
}

/* Must run first: several threads race into the lazy initialization. */
static void test_threads_first_use(void **state)
{
	(void)state;
	pthread_t t[NTHREADS];
	int bad[NTHREADS] = {0};
	for (int i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, lookup_many, &bad[i]), 0);
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(bad[i], 0);
	}
}

static void test_km(void **state)
{
	(void)state;
	/* Stockholm centre - Göteborg centre: about 397 km great-circle. */
	double d = geo_km(59.3293, 18.0686, 57.7089, 11.9746);
	assert_true(d > 394 && d < 400);
	assert_true(fabs(d - 396.8924) < 0.001);
	/* Malmö - Kiruna, both directions. */
	assert_true(fabs(geo_km(55.6050, 13.0038, 67.8558, 20.2253) - 1412.0438) < 0.001);
	assert_true(fabs(geo_km(67.8558, 20.2253, 55.6050, 13.0038) - 1412.0438) < 0.001);
	/* Half the equator: pi * 6371. */
	assert_true(fabs(geo_km(0, 0, 0, 180) - 20015.0868) < 0.001);
	assert_true(geo_km(59.3, 18.0, 59.3, 18.0) == 0.0);
	/* One degree of latitude: 6371 * pi / 180 = 111.195 km. */
	assert_true(fabs(geo_km(60, 15, 61, 15) - 111.1949) < 0.001);
}

static void test_norm(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "186 00",
	    "18600",
	    "SE-186 00",
	    "SE-18600",
	    "se 186 00",
	    "SE18600",
	    "S-186 00",
	    " 186 00 ",
	    "186\xC2\xA0"
	    "00",
	    "186\xE2\x80\xAF"
	    "00",
	    "186-00",
	    "\t18600\t",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char out[6] = "xxxxx";
		if (geo_postcode_norm(good[i], out) != 0)
			fail_msg("rejected \"%s\"", good[i]);
		assert_string_equal(out, "18600");
	}
	static const char *const bad[] = {
	    "",      "1860", "186000",   "186 0 0", "18 600",  "abcde",  "186 00 x",
	    "08600", "SE-",  "DK-18600", "186  00", "186 00;", "1 8600", "SS-18600",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char out[6];
		if (geo_postcode_norm(bad[i], out) == 0)
			fail_msg("accepted \"%s\" as %s", bad[i], out);
	}
	char out[6];
	assert_int_equal(geo_postcode_norm(NULL, out), -1);
}

static void test_lookup(void **state)
{
	(void)state;
	static const struct {
		const char *code;
		double lat, lon;
	} known[] = {
	    {"100 04", 59.3326, 18.0649},   /* the first code in the table, Stockholm */
	    {"411 03", 57.7072, 11.9668},   /* Göteborg */
	    {"752 36", 59.8585, 17.6454},   /* Uppsala */
	    {"SE-621 55", 57.6409, 18.296}, /* Visby */
	    {"98138", 67.8557, 20.2251},    /* Kiruna */
	    {"984 99", 67.2128, 23.3661},   /* Pajala, the last code */
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		double lat = 0, lon = 0;
		if (geo_postcode_lookup(known[i].code, &lat, &lon) != 0)
			fail_msg("%s not found", known[i].code);
		assert_true(lat == known[i].lat);
		assert_true(lon == known[i].lon);
	}
	double lat = 1, lon = 2;
	assert_int_equal(geo_postcode_lookup("100 00", &lat, &lon), -1); /* not a code */
	assert_int_equal(geo_postcode_lookup("99999", &lat, &lon), -1);
	assert_int_equal(geo_postcode_lookup("hello", &lat, &lon), -1);
	assert_true(lat == 1 && lon == 2); /* untouched on failure */
	/* 18 815 codes in the GeoNames file, every one with coordinates. */
	assert_int_equal(geo_postcode_count(), 18815);
}

static void test_walk(void **state)
{
	(void)state;
	int n = geo_postcode_count();
	char code[6], prev[6] = "00000";
	double lat, lon;
	const char *place;
	for (int i = 0; i < n; i++) {
		assert_int_equal(geo_postcode_at(i, code, &lat, &lon, &place), 0);
		assert_true(strcmp(prev, code) < 0); /* ascending, no repeats */
		memcpy(prev, code, 6);
		assert_true(lat > 55 && lat < 69.1 && lon > 10.9 && lon < 24.2); /* in Sweden */
		double la2, lo2;
		assert_int_equal(geo_postcode_lookup(code, &la2, &lo2), 0);
		assert_true(la2 == lat && lo2 == lon);
	}
	assert_int_equal(geo_postcode_at(0, code, &lat, &lon, &place), 0);
	assert_string_equal(code, "10004");
	assert_string_equal(place, "Stockholm");
	assert_int_equal(geo_postcode_at(n - 1, code, &lat, &lon, &place), 0);
	assert_string_equal(code, "98499");
	assert_string_equal(place, "Pajala");
	assert_int_equal(geo_postcode_at(n, code, &lat, &lon, &place), -1);
	assert_int_equal(geo_postcode_at(-1, code, &lat, &lon, &place), -1);
	/* A place with å ä ö kept as UTF-8. */
	double la, lo;
	assert_int_equal(geo_postcode_lookup("411 03", &la, &lo), 0);
	int found = 0;
	for (int i = 0; i < n; i++) {
		geo_postcode_at(i, code, &lat, &lon, &place);
		if (!strcmp(code, "41103"))
			found = !strcmp(place, "G\xC3\xB6teborg");
	}
	assert_true(found);
}

/* A million lookups must take well under a second (a linear scan would take
 * minutes); the bound is loose for the sanitizer build on a busy machine. */
static void test_speed(void **state)
{
	(void)state;
	int n = geo_postcode_count();
	char codes[64][6];
	double lat, lon;
	const char *place;
	for (int i = 0; i < 64; i++)
		geo_postcode_at((int)((long)i * n / 64), codes[i], &lat, &lon, &place);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double sum = 0;
	for (int i = 0; i < 1000000; i++) {
		if (geo_postcode_lookup(codes[i & 63], &lat, &lon) == 0)
			sum += lat;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(sum > 1000000.0 * 55);
	if (s > 3.0)
		fail_msg("a million lookups took %.2f s", s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threads_first_use),
	    cmocka_unit_test(test_km),
	    cmocka_unit_test(test_norm),
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_walk),
	    cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
