/* embed.c — build-time tool: turns files into C arrays.
 *
 *   embed string SYMBOL FILE > out.c     const char SYMBOL[] = "...";  (NUL-terminated)
 *   embed assets PREFIX FILE... > out.c  a table of {path, bytes, size} named
 *                                        PREFIX_table / PREFIX_count, paths relative to
 *                                        the current directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int dump(FILE *in, const char *decl, int nul, long *size)
{
	int c;
	long n = 0;
	printf("%s = {", decl);
	while ((c = fgetc(in)) != EOF) {
		if (n % 16 == 0)
			printf("\n\t");
		printf("%d,", nul ? (int)(signed char)c : c);
		n++;
	}
	if (nul)
		printf("0,");
	printf("\n};\n");
	*size = n;
	return ferror(in) ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "string")) {
		FILE *in = fopen(argv[3], "rb");
		long n;
		char decl[256];
		snprintf(decl, sizeof(decl), "extern const char %s[];\nconst char %s[]", argv[2],
			 argv[2]);
		if (!in || dump(in, decl, 1, &n) != 0) {
			perror(argv[3]);
			return 1;
		}
		fclose(in);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "assets")) {
		const char *prefix = argv[2];
		printf("#include <stddef.h>\n");
		for (int i = 3; i < argc; i++) {
			char sym[64], decl[128];
			long n;
			snprintf(sym, sizeof(sym), "%s_%d", prefix, i);
			snprintf(decl, sizeof(decl), "static const unsigned char %s_bytes[]", sym);
			FILE *in = fopen(argv[i], "rb");
			if (!in || dump(in, decl, 0, &n) != 0) {
				perror(argv[i]);
				return 1;
			}
			fclose(in);
			printf("static const size_t %s_size = %ld;\n", sym, n);
		}
		printf("struct embedded_asset { const char *path; const unsigned char *data; "
		       "size_t size; };\n");
		printf("const struct embedded_asset %s_table[] = {\n", prefix);
		for (int i = 3; i < argc; i++)
			printf("\t{\"%s\", %s_%d_bytes, %s_%d_size},\n", argv[i], prefix, i, prefix, i);
		printf("};\nconst size_t %s_count = %d;\n", prefix, argc - 3);
		return 0;
	}
	fprintf(stderr, "usage: embed string SYMBOL FILE | embed assets PREFIX FILE...\n");
	return 2;
}
