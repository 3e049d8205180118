/*
 * crm - front end: "crm NOUN VERB ..." runs "crm-NOUN VERB ...", found
 * next to crm itself first, then in PATH.
 */
#include "internal.h"

#include <errno.h>
#include <unistd.h>

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: crm NOUN VERB [ARG ...]\n"
	    "       crm -h | -V\n\n"
	    "Runs crm-NOUN VERB ARG ...; for example 'crm db init' runs "
	    "'crm-db init'.\n\nThe programs (NOUN): activity, catalog, customer,"
	    " db, deal,\nforecast, lead, order, rec, report, stock; man crm for "
	    "the toolkit.\n");
}

int
main(int argc, char **argv)
{
	char path[4096], prog[256];
	const char *slash;
	int n;

	if (argc < 2) {
		usage(stderr);
		return CRM_EUSAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return fflush(stdout) == 0 ? CRM_OK : CRM_EIO;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("crm %s\n", crm_version());
		return fflush(stdout) == 0 ? CRM_OK : CRM_EIO;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL) {
		fprintf(stderr, "crm: not a noun: %s\n", argv[1]);
		usage(stderr);
		return CRM_EUSAGE;
	}
	n = snprintf(prog, sizeof(prog), "crm-%s", argv[1]);
	if (n < 0 || (size_t)n >= sizeof(prog)) {
		fprintf(stderr, "crm: noun too long\n");
		return CRM_EUSAGE;
	}
	argv[1] = prog;
	if ((slash = strrchr(argv[0], '/')) != NULL) {
		n = snprintf(path, sizeof(path), "%.*s/%s",
		    (int)(slash - argv[0]), argv[0], prog);
		if (n > 0 && (size_t)n < sizeof(path) && access(path, X_OK) == 0)
			execv(path, argv + 1);
	}
	execvp(prog, argv + 1);
	fprintf(stderr, "crm: %s: %s\n", prog, errno == ENOENT ?
	    "no such program (crm --help lists them)" : strerror(errno));
	return errno == ENOENT ? CRM_EUSAGE : CRM_EINTERNAL;
}
