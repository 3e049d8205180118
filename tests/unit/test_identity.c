/*
 * test_identity.c - identity resolution: the normalisers, name
 * similarity, the score of true and false matches, match over a
 * database, merge and unmerge.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static crm_err err;
static crm_buf b = CRM_BUF_INIT;

typedef int (*norm_fn)(crm_buf *, const char *, size_t, crm_err *);

/* fn(s) as a string, "(none)" for CRM_END, "(error)" otherwise. */
static const char *
norm(norm_fn fn, const char *s)
{
	int rc = fn(&b, s, strlen(s), &err);

	if (rc == CRM_END)
		return b.len == 0 ? "(none)" : "(END but not empty)";
	return rc == CRM_OK ? b.data : "(error)";
}

static const char *
phone(const char *s, const char *country)
{
	int rc = crm_identity_phone(&b, s, strlen(s), country, &err);

	if (rc == CRM_END)
		return "(none)";
	return rc == CRM_OK ? b.data : "(error)";
}

static void
test_email(void)
{
	CHECK_STR(norm(crm_identity_email, "  Ann.Lee@Example.COM "),
	    "ann.lee@example.com");
	/* gmail: dots and +tags are one box; googlemail is gmail */
	CHECK_STR(norm(crm_identity_email, "J.O.Smith+crm@GoogleMail.com"),
	    "josmith@gmail.com");
	CHECK_STR(norm(crm_identity_email, "josmith@gmail.com"),
	    "josmith@gmail.com");
	/* other domains keep their dots and tags */
	CHECK_STR(norm(crm_identity_email, "j.o.smith+crm@example.cn"),
	    "j.o.smith+crm@example.cn");
	/* full-width, as a CJK input method types it */
	CHECK_STR(norm(crm_identity_email,
	    "\xef\xbc\xa1\xef\xbd\x8e\xef\xbd\x8e@example.com"),
	    "ann@example.com");
	CHECK_STR(norm(crm_identity_email, "not an address"), "(none)");
	CHECK_STR(norm(crm_identity_email, "+tag@gmail.com"), "(none)");
	CHECK_STR(norm(crm_identity_email, ""), "(none)");
	/* a byte that is not UTF-8, and NUL, is U+FFFD, which counts as a
	 * letter (as every character of other scripts) */
	CHECK_INT(crm_identity_email(&b, "a\xff\0b@gmail.com", 14, &err),
	    CRM_OK);
	CHECK_STR(b.data, "a\xef\xbf\xbd\xef\xbf\xbd" "b@gmail.com");
}

static void
test_phone(void)
{
	CHECK_STR(phone("+86 138 0013 8000", "86"), "8613800138000");
	CHECK_STR(phone("0086 138-0013-8000", "86"), "8613800138000");
	CHECK_STR(phone("138 0013 8000", "86"), "8613800138000");
	CHECK_STR(phone("(021) 5550 1234", "86"), "862155501234");
	/* full-width digits */
	CHECK_STR(phone("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98"
	    "00138000", "86"), "8613800138000");
	/* another default country, and none: the national digits */
	CHECK_STR(phone("030 1234567", "49"), "49301234567");
	CHECK_STR(phone("030 1234567", NULL), "301234567");
	CHECK_STR(phone("+49 30 1234567", NULL), "49301234567");
	CHECK_STR(phone("call me", "86"), "(none)");
	CHECK_STR(phone("1234", "86"), "(none)");
	CHECK_STR(phone("12345", "86"), "8612345");
	/* 7 digits at least, with the country code, or national ones */
	CHECK_STR(phone("123456", NULL), "(none)");
	CHECK_STR(phone("0123456", NULL), "(none)");
	CHECK_STR(phone("1234567", NULL), "1234567");
	CHECK_STR(phone("+1 234", "86"), "(none)");
}

static void
test_code(void)
{
	CHECK_STR(norm(crm_identity_code, "91 3100-0013 2a"), "91310000132A");
	CHECK_STR(norm(crm_identity_code, "\xef\xbc\x99\xef\xbc\x91"
	    "310000132A"), "91310000132A");
	CHECK_STR(norm(crm_identity_code, "HRB 12345 B"), "HRB12345B");
	CHECK_STR(norm(crm_identity_code, " - "), "(none)");
}

static void
test_name(void)
{
	CHECK_STR(norm(crm_identity_name, "Hangzhou West Lake Motors Co., "
	    "Ltd."), "hangzhou west lake motors");
	CHECK_STR(norm(crm_identity_name, "  ACME   GmbH & Co. KG "), "acme");
	CHECK_STR(norm(crm_identity_name, "O'Brien-Smith, Inc"),
	    "o brien smith");
	CHECK_STR(norm(crm_identity_name, "北京华联商贸有限公司"),
	    "北京华联商贸");
	CHECK_STR(norm(crm_identity_name, "北京华联商贸"), "北京华联商贸");
	CHECK_STR(norm(crm_identity_name, "上海汽车集团股份有限公司"),
	    "上海汽车");
	/* full-width letters and the ideographic space and comma */
	CHECK_STR(norm(crm_identity_name, "\xef\xbc\xa1\xef\xbc\xa3\xef\xbc"
	    "\xad\xe3\x80\x80\xe6\x9c\x89\xe9\x99\x90\xe5\x85\xac\xe5\x8f\xb8"
	    "\xe3\x80\x81\xe5\x8c\x97\xe4\xba\xac"), "acm 北京");
	/* transliterations are left alone */
	CHECK_STR(norm(crm_identity_name, "Müller"), "müller");
	/* but not the case of other scripts: capitals typed by a clerk */
	CHECK_STR(norm(crm_identity_name, "MÜLLER"), "müller");
	CHECK_STR(norm(crm_identity_name, "ÉLODIE DUPRÉ"), "élodie dupré");
	CHECK_STR(norm(crm_identity_name, "ŁUKASZ ŻÓŁW"), "łukasz żółw");
	CHECK_STR(norm(crm_identity_name, "İSTANBUL"), "istanbul");
	CHECK_STR(norm(crm_identity_name, "ИВАНОВ ЁЖИКОВ"), "иванов ёжиков");
	CHECK_STR(norm(crm_identity_name, "ΠΑΠΑΔΟΠΟΥΛΟΣ"), "παπαδοπουλοσ");
	CHECK_STR(norm(crm_identity_name, "Παπαδόπουλος"), "παπαδόπουλοσ");
	/* a no-break space (pasted from a web page) and Latin-1 signs
	 * part words; a soft hyphen, zero-width space and byte order
	 * mark are not seen */
	CHECK_STR(norm(crm_identity_name, "John\xc2\xa0" "Smith"), "john smith");
	CHECK_STR(norm(crm_identity_name, "\xc2\xab" "Acme\xc2\xbb\xc2\xb7"
	    "Trading"), "acme trading");
	CHECK_STR(norm(crm_identity_name, "\xef\xbb\xbf" "Jo\xe2\x80\x8b" "hn"
	    " Smi\xc2\xadth"), "john smith");
	CHECK_STR(norm(crm_identity_name, "Ltd."), "(none)");
	/* a byte that is not UTF-8 becomes U+FFFD */
	CHECK_STR(norm(crm_identity_name, "a\xff" "b"), "a\xef\xbf\xbd" "b");
}

static void
test_street_city(void)
{
	CHECK_STR(norm(crm_identity_street, "12 Baker Street, Flat 3"),
	    "12 baker st flat 3");
	CHECK_STR(norm(crm_identity_street, "12 BAKER ST."), "12 baker st");
	CHECK_STR(norm(crm_identity_city, "上海市"), "上海");
	CHECK_STR(norm(crm_identity_city, " Hang-zhou "), "hang zhou");
}

/* similarity of two raw names, normalised first, to two decimals */
static long
sim(const char *x, const char *y)
{
	char a[128], c[128];

	snprintf(a, sizeof(a), "%s", norm(crm_identity_name, x));
	snprintf(c, sizeof(c), "%s", norm(crm_identity_name, y));
	return (long)(crm_identity_name_similarity(a, c) * 100.0 + 0.5);
}

static void
test_similarity(void)
{
	CHECK_INT(sim("John Smith", "John Smith"), 100);
	CHECK_INT(sim("Smith, John", "John Smith"), 100);
	/* a typo: jon/john is Jaro-Winkler 0.93 */
	CHECK_INT(sim("Jon Smith", "John Smith"), 97);
	CHECK_INT(sim("Hangzhou West Lake Motors", "Hangzhou Westlake "
	    "Motors Co., Ltd."), 100);
	/* CJK by characters: the legal form is gone, one character off */
	CHECK_INT(sim("北京华联商贸有限公司", "北京华联商贸"), 100);
	CHECK_INT(sim("北京华联商贸", "北京华联商场"), 93);
	CHECK_INT(sim("张伟", "李娜"), 0);
	CHECK(crm_identity_name_similarity("john smith", "mary jones") <
	    0.70);
	CHECK(crm_identity_name_similarity("", "john") == 0.0);
	CHECK(crm_identity_name_similarity(NULL, "john") == 0.0);
}

static crm_identity_keys
keys(const char *name, const char *email, const char *phone_, const char *tax,
    const char *postcode, const char *street, const char *city)
{
	crm_identity_keys k = { name, email, phone_, tax, NULL, postcode,
	    street, city };

	return k;
}

static void
test_score(void)
{
	crm_identity_score sc;
	crm_identity_keys a, c;

	/* the same company from the web shop and from a dealer */
	a = keys("hangzhou west lake motors", "buy@westlake.example.cn",
	    "8657188812345", NULL, "310000", "1 hubin rd", "hangzhou");
	c = keys("hangzhou west lake motors", "buy@westlake.example.cn", NULL,
	    NULL, "310000", "1 hubin rd", "hangzhou");
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 100);
	CHECK_INT(sc.nevidence, 2);
	CHECK_STR(sc.evidence[0], "email");
	CHECK_STR(sc.evidence[1], "name 1.00 + address");

	/* a typo in the name, same postcode, nothing else: "jonsmith" and
	 * "johnsmith" are Jaro-Winkler 0.970, 32 points, + 15 */
	a = keys("jon smith", NULL, NULL, NULL, "100020", "3 guanghua rd",
	    "beijing");
	c = keys("john smith", NULL, NULL, NULL, "100020", "5 dongsanhuan rd",
	    "beijing");
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 47);
	CHECK_STR(sc.evidence[0], "name 0.97 + postcode");

	/* two people sharing the company's switchboard: phone only, 40,
	 * below the default 50 */
	a = keys("wang fang", "wang.fang@acme.example", "861065529988", NULL,
	    NULL, NULL, NULL);
	c = keys("li qiang", "li.qiang@acme.example", "861065529988", NULL,
	    NULL, NULL, NULL);
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 25);
	CHECK_INT(sc.nevidence, 2);
	CHECK_STR(sc.evidence[0], "phone");
	CHECK_STR(sc.evidence[1], "email differs");

	/* father and son: same name and address, different e-mails; 35 +
	 * 25 - 15 = 45, below the default: we choose to keep them apart
	 * unless something else (a phone) agrees */
	a = keys("zhang wei", "zhangwei1960@example.cn", NULL, NULL, "200000",
	    "8 nanjing rd", "shanghai");
	c = keys("zhang wei", "zw.junior@example.cn", NULL, NULL, "200000",
	    "8 nanjing rd", "shanghai");
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 45);
	CHECK_STR(sc.evidence[0], "name 1.00 + address");
	CHECK_STR(sc.evidence[1], "email differs");

	/* the same e-mail, but tax ids that conflict: two companies of one
	 * group sharing a mailbox */
	a = keys("华联商贸", "info@hl.example.cn", NULL, "91110000AAA", NULL,
	    NULL, NULL);
	c = keys("华联物流", "info@hl.example.cn", NULL, "91110000BBB", NULL,
	    NULL, NULL);
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 0);
	CHECK_STR(sc.evidence[sc.nevidence - 1], "tax_id conflict");

	/* the same tax id and a close CJK name */
	a = keys("北京华联商贸", NULL, NULL, "91110000AAA", NULL, NULL, "北京");
	c = keys("北京华联商场", NULL, NULL, "91110000AAA", NULL, NULL, "北京");
	crm_identity_score_pair(&a, &c, &sc);
	CHECK_INT(sc.confidence, 100);
	CHECK_STR(sc.evidence[0], "tax_id");
	CHECK_STR(sc.evidence[1], "name 0.93 + city");
}

/* --- the database --- */

static char dbpath[64];

static crm_db *
fresh_db(void)
{
	crm_db *db = NULL;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/crm-test-identity-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	if (crm_db_open(&db, dbpath, 0, &err) != CRM_OK)
		return NULL;
	return db;
}

static void
drop_db(crm_db *db)
{
	char p[80];

	crm_db_close(db);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
}

static int
sql(crm_db *db, const char *s)
{
	return sqlite3_exec(crm_db_handle(db), s, NULL, NULL, NULL);
}

static long long
count(crm_db *db, const char *q)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(crm_db_handle(db), q, -1, &st, NULL) !=
	    SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char people[] =
	"INSERT INTO customers (id, name, email, phone, tax_id, created_at)"
	" VALUES"
	" ('C1', 'Hangzhou West Lake Motors', 'buy@westlake.example.cn',"
	"  '+86 571 8881 2345', NULL, '2026-01-01T00:00:00Z'),"
	" ('C2', 'Hangzhou Westlake Motors Co., Ltd.', NULL,"
	"  '0571-88812345', NULL, '2026-02-01T00:00:00Z'),"
	" ('C3', '北京华联商贸有限公司', NULL, NULL, '91110000AAA',"
	"  '2026-01-01T00:00:00Z'),"
	" ('C4', '北京华联商贸', 'hl@example.cn', NULL, '9111 0000 aaa',"
	"  '2026-01-01T00:00:00Z'),"
	" ('C5', 'Wang Fang', 'wang.fang@acme.example', '010 6552 9988', NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C6', 'Li Qiang', 'li.qiang@acme.example', '010-65529988', NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C7', 'J.O. Smith', 'J.O.Smith@googlemail.com', NULL, NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C8', 'Jon Smith', 'josmith+shop@gmail.com', NULL, NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C9', 'Zhang Wei', NULL, NULL, NULL, '2026-01-01T00:00:00Z'),"
	" ('C10', 'ZHANG  Wei', NULL, NULL, NULL, '2026-01-01T00:00:00Z'),"
	/* a mobile typed with full-width digits, and in ASCII */
	" ('C11', '王伟', NULL,"
	"  '\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98 0013 8000', NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C12', '王伟', NULL, '+86 138 0013 8000', NULL,"
	"  '2026-01-01T00:00:00Z'),"
	/* capitals of another script, and a no-break space */
	" ('C13', 'JÜRGEN MÜLLER', 'jm@example.de', NULL, NULL,"
	"  '2026-01-01T00:00:00Z'),"
	" ('C14', 'Jürgen\xc2\xa0Müller', 'JM@example.de', NULL, NULL,"
	"  '2026-01-01T00:00:00Z');"
	/* a customer's address is its first by id: A1, not A0 (a later
	 * row) nor A3 */
	"INSERT INTO addresses (id, customer_id, line1, city, postcode)"
	" VALUES ('A3', 'C9', '1 Other Road', 'Beijing', '100000'),"
	" ('A1', 'C9', '8 Nanjing Road', 'Shanghai', '200 000'),"
	" ('A2', 'C10', '8 nanjing rd.', 'Shanghai', '200000'),"
	" ('A0', 'C8', '1 Other Road', 'Beijing', '100000');";

static void
test_match_db(void)
{
	crm_db *db = fresh_db();
	crm_identity_match_opts o = { 50, "86" };
	crm_out *out = NULL;
	unsigned long pairs = 0;
	char outpath[80], line[512], all[4096] = "";
	FILE *fp;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT(sql(db, people), SQLITE_OK);
	snprintf(outpath, sizeof(outpath), "%s.out", dbpath);
	CHECK_INT(crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err), CRM_OK);
	CHECK_INT(crm_identity_match(db, &o, out, &pairs, &err), CRM_OK);
	CHECK_INT(crm_out_close(out, &err), CRM_OK);
	CHECK_INT(pairs, 6);
	fp = fopen(outpath, "r");
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		strncat(all, line, sizeof(all) - strlen(all) - 1);
	if (fp != NULL)
		fclose(fp);
	CHECK_STR(all,
	    "{\"a\":\"C3\",\"b\":\"C4\",\"confidence\":100,\"evidence\":"
	    "[\"tax_id\",\"name 1.00\"],\"a_name\":\"北京华联商贸有限公司\","
	    "\"b_name\":\"北京华联商贸\"}\n"
	    "{\"a\":\"C13\",\"b\":\"C14\",\"confidence\":90,\"evidence\":"
	    "[\"email\",\"name 1.00\"],\"a_name\":\"JÜRGEN MÜLLER\","
	    "\"b_name\":\"Jürgen\xc2\xa0Müller\"}\n"
	    "{\"a\":\"C7\",\"b\":\"C8\",\"confidence\":86,\"evidence\":"
	    "[\"email\",\"name 0.97\"],\"a_name\":\"J.O. Smith\","
	    "\"b_name\":\"Jon Smith\"}\n"
	    "{\"a\":\"C1\",\"b\":\"C2\",\"confidence\":75,\"evidence\":"
	    "[\"phone\",\"name 1.00\"],\"a_name\":\"Hangzhou West Lake "
	    "Motors\",\"b_name\":\"Hangzhou Westlake Motors Co., Ltd.\"}\n"
	    "{\"a\":\"C11\",\"b\":\"C12\",\"confidence\":75,\"evidence\":"
	    "[\"phone\",\"name 1.00\"],\"a_name\":\"王伟\","
	    "\"b_name\":\"王伟\"}\n"
	    "{\"a\":\"C10\",\"b\":\"C9\",\"confidence\":60,\"evidence\":"
	    "[\"name 1.00 + address\"],\"a_name\":\"ZHANG  Wei\","
	    "\"b_name\":\"Zhang Wei\"}\n");

	/* a pair said to be two is not proposed again; merged ones never */
	CHECK_INT(crm_identity_distinct(db, "C8", "C7", "two people", 0,
	    "ann", &err), CRM_OK);
	CHECK_INT(crm_identity_distinct(db, "C7", "C8", NULL, 0, "ann",
	    &err), CRM_OK);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_nonmatches"
	    " WHERE a_id = 'C7' AND b_id = 'C8' AND note = 'two people'"), 1);
	CHECK_INT(sql(db, "UPDATE customers SET merged_into = 'C4'"
	    " WHERE id = 'C3'"), SQLITE_OK);
	CHECK_INT(crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err), CRM_OK);
	CHECK_INT(crm_identity_match(db, &o, out, &pairs, &err), CRM_OK);
	CHECK_INT(crm_out_close(out, &err), CRM_OK);
	CHECK_INT(pairs, 4);
	/* the errors of distinct */
	CHECK_INT(crm_identity_distinct(db, "C1", "C1", NULL, 0, NULL, &err),
	    CRM_EUSAGE);
	CHECK_INT(crm_identity_distinct(db, "C1", "C99", NULL, 0, NULL, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "C99: no such customer");
	unlink(outpath);
	drop_db(db);
}

static const char books[] =
	"INSERT INTO reps (id, name, created_at) VALUES"
	" ('R1', 'Ann', '2026-01-01T00:00:00Z');"
	"INSERT INTO customers (id, name, email, phone, owner_rep_id, tier,"
	" created_at) VALUES"
	" ('A', 'Zhang Wei', 'zw@example.cn', NULL, 'R1', 'B',"
	"  '2026-01-01T00:00:00Z'),"
	" ('B', 'Zhang Wei', NULL, '13800138000', NULL, 'A',"
	"  '2026-01-02T00:00:00Z'),"
	" ('C', 'Someone Else', NULL, NULL, NULL, NULL,"
	"  '2026-01-03T00:00:00Z');"
	"INSERT INTO deals (id, customer_id, stage, created_on) VALUES"
	" ('D1', 'A', 'new', '2026-01-05'), ('D2', 'B', 'new', '2026-01-05');"
	"INSERT INTO contacts (id, customer_id, name) VALUES"
	" ('K1', 'A', 'Zhang Wei');"
	"INSERT INTO customer_tags VALUES"
	" ('A', 'vip', NULL, '2026-01-01T00:00:00Z'),"
	" ('A', 'fleet', NULL, '2026-01-01T00:00:00Z'),"
	" ('B', 'vip', NULL, '2026-01-01T00:00:00Z');"
	"INSERT INTO activities (id, kind, customer_id) VALUES"
	" ('V1', 'call', 'A');"
	"INSERT INTO opt_outs (customer_id, channel, opted_out_at) VALUES"
	" ('A', 'sms', '2026-01-01T00:00:00Z');"
	"INSERT INTO referrals (id, referred_id, referrer_customer_id,"
	" referred_on) VALUES ('RF1', 'C', 'A', '2026-01-10'),"
	" ('RF2', 'A', 'B', '2026-01-10');";

static void
test_merge_unmerge(void)
{
	crm_db *db = fresh_db();
	crm_identity_merge_opts o = { "same person", 90, 0, "ann" };
	crm_rec *r = crm_rec_new();

	CHECK(db != NULL && r != NULL);
	if (db == NULL || r == NULL)
		return;
	CHECK_INT(sql(db, books), SQLITE_OK);
	/* the errors, nothing written */
	CHECK_INT(crm_identity_merge(db, "A", "A", &o, r, &err), CRM_EUSAGE);
	CHECK_INT(crm_identity_merge(db, "A", "Z", &o, r, &err), CRM_EDATA);
	CHECK_STR(err.msg, "Z: no such customer");
	CHECK_INT(crm_identity_merge(db, "Z", "A", &o, r, &err), CRM_EDATA);
	CHECK_INT(count(db, "SELECT count(*) FROM merges"), 0);

	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(crm_identity_merge(db, "A", "B", &o, r, &err), CRM_OK);
	CHECK_INT(crm_db_commit(db, &err), CRM_OK);
	CHECK_STR(crm_rec_get(r, "fields"), "[\"email\",\"owner_rep_id\"]");
	/* RF2 (B referred A) cannot become B referring B: it stays */
	CHECK_STR(crm_rec_get(r, "moved"), "{\"activity\":1,\"contact\":1,"
	    "\"deal\":1,\"opt_out\":1,\"referral\":1,\"tag\":1}");
	CHECK_INT(count(db, "SELECT count(*) FROM deals"
	    " WHERE customer_id = 'B'"), 2);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'A' AND tag = 'vip'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customers WHERE id = 'B'"
	    " AND email = 'zw@example.cn' AND tier = 'A'"
	    " AND owner_rep_id = 'R1'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customers WHERE id = 'A'"
	    " AND merged_into = 'B' AND merged_at = '1970-01-01T00:00:00Z'"),
	    1);
	CHECK_INT(count(db, "SELECT count(*) FROM events WHERE kind = 'merge'"
	    " AND entity = 'customer'"), 2);
	CHECK_INT(count(db, "SELECT confidence FROM merges"), 90);

	/* merging into, or from, a merged record */
	CHECK_INT(crm_identity_merge(db, "C", "A", &o, r, &err), CRM_EDATA);
	CHECK_STR(err.msg, "A: merged into B: merge into B instead");
	CHECK_INT(crm_identity_merge(db, "A", "C", &o, r, &err), CRM_EDATA);
	CHECK_STR(err.msg, "A: already merged into B");

	/* B merged on into C: A's merge cannot be undone before B's */
	CHECK_INT(crm_identity_merge(db, "B", "C", &o, r, &err), CRM_OK);
	CHECK_INT(crm_identity_unmerge(db, "A", 0, 0, "ann", r, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "B: merged into C since: unmerge B first");
	CHECK_INT(crm_identity_unmerge(db, "B", 0, 0, "ann", r, &err),
	    CRM_OK);
	/* a field the survivor changed since keeps its new value */
	CHECK_INT(sql(db, "UPDATE customers SET owner_rep_id = NULL"
	    " WHERE id = 'B'"), SQLITE_OK);
	CHECK_INT(sql(db, "INSERT INTO reps (id, name, created_at) VALUES"
	    " ('R2', 'Bo', '2026-01-01T00:00:00Z');"
	    "UPDATE customers SET owner_rep_id = 'R2' WHERE id = 'B'"),
	    SQLITE_OK);
	CHECK_INT(crm_identity_unmerge(db, NULL, 1, 0, "ann", r, &err),
	    CRM_OK);
	CHECK_INT(count(db, "SELECT count(*) FROM customers WHERE id = 'B'"
	    " AND email IS NULL AND owner_rep_id = 'R2' AND tier = 'A'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customers"
	    " WHERE merged_into IS NOT NULL OR merged_at IS NOT NULL"), 0);
	CHECK_INT(count(db, "SELECT count(*) FROM deals"
	    " WHERE customer_id = 'A'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'A'"), 2);
	CHECK_INT(count(db, "SELECT count(*) FROM referrals"
	    " WHERE id = 'RF1' AND referrer_customer_id = 'A'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM opt_outs"
	    " WHERE customer_id = 'A'"), 1);
	CHECK_INT(count(db, "SELECT count(*) FROM merges"
	    " WHERE undone_at IS NOT NULL"), 2);
	CHECK_INT(crm_identity_unmerge(db, NULL, 1, 0, "ann", r, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "merge 1: undone already, at "
	    "1970-01-01T00:00:00Z");
	CHECK_INT(crm_identity_unmerge(db, "A", 0, 0, "ann", r, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "A: not merged into another customer");
	crm_rec_free(r);
	drop_db(db);
}

/* Every table of the schema that points at a customer, through a
 * foreign key or a customer_id column, with the rows naming customer id:
 * "table.column" each, in order.  The ledgers of merges and of the
 * customer's own fields and events are left out. */
static void
pointing_at(crm_db *db, const char *id, char *s, size_t size)
{
	sqlite3_stmt *st, *q;
	char sqlq[256];

	*s = '\0';
	if (sqlite3_prepare_v2(crm_db_handle(db), "SELECT m.name, p.\"from\""
	    " FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p"
	    " WHERE m.type = 'table' AND p.\"table\" = 'customers'"
	    " UNION SELECT m.name, c.name FROM sqlite_master m"
	    " JOIN pragma_table_info(m.name) c"
	    " WHERE m.type = 'table' AND c.name = 'customer_id'"
	    " ORDER BY 1, 2", -1, &st, NULL) != SQLITE_OK) {
		snprintf(s, size, "(error)");
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *c = (const char *)sqlite3_column_text(st, 1);

		if (strcmp(t, "merges") == 0 ||
		    strcmp(t, "customer_history") == 0)
			continue;
		snprintf(sqlq, sizeof(sqlq), "SELECT count(*) FROM \"%s\""
		    " WHERE \"%s\" = ?1", t, c);
		if (sqlite3_prepare_v2(crm_db_handle(db), sqlq, -1, &q,
		    NULL) != SQLITE_OK)
			continue;
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW &&
		    sqlite3_column_int64(q, 0) > 0)
			snprintf(s + strlen(s), size - strlen(s), "%s%s.%s",
			    *s != '\0' ? " " : "", t, c);
		sqlite3_finalize(q);
	}
	sqlite3_finalize(st);
}

/* The database's dump (crm-db dump) but for the ledgers merge and
 * unmerge append to; malloc'd. */
static char *
snapshot(crm_db *db)
{
	char path[80], line[1024];
	crm_buf all = CRM_BUF_INIT;
	crm_out *out = NULL;
	FILE *fp;

	snprintf(path, sizeof(path), "%s.dump", dbpath);
	if (crm_out_open(&out, path, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return NULL;
	crm_db_dump(db, out, &err);
	crm_out_close(out, &err);
	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strstr(line, "\"type\":\"events\"") == NULL &&
		    strstr(line, "\"type\":\"merges\"") == NULL &&
		    strstr(line, "\"type\":\"merge_moves\"") == NULL &&
		    strstr(line, "\"type\":\"customer_history\"") == NULL)
			crm_buf_adds(&all, line);
	fclose(fp);
	unlink(path);
	crm_buf_addc(&all, '\0');
	return all.data;
}

/* The rows of q, columns joined by '|', rows by '\n'. */
static void
rows(crm_db *db, const char *q, char *s, size_t size)
{
	sqlite3_stmt *st;
	int i;

	*s = '\0';
	if (sqlite3_prepare_v2(crm_db_handle(db), q, -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(s, size, "(error)");
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)
			    sqlite3_column_text(st, i);

			snprintf(s + strlen(s), size - strlen(s), "%s%s",
			    v != NULL ? v : "NULL",
			    i + 1 < sqlite3_column_count(st) ? "|" : "\n");
		}
	sqlite3_finalize(st);
}

/* M has a row in every table that points at a customer; S already has
 * the tag vip, referred M, and M and S were once said to be two. */
static const char everything[] =
	"INSERT INTO reps (id, name, created_at) VALUES"
	" ('R1', 'Ann', '2026-01-01T00:00:00Z'),"
	" ('R2', 'Bo', '2026-01-01T00:00:00Z');"
	"INSERT INTO customers (id, name, email, phone, owner_rep_id,"
	" credit_limit_minor, currency, created_at) VALUES"
	" ('M', 'Zhang Wei', 'zw@example.cn', '13800138000', 'R1', 100000,"
	"  'CNY', '2026-01-01T00:00:00Z'),"
	" ('S', 'Zhang Wei', NULL, '13800138000', NULL, NULL, NULL,"
	"  '2026-01-02T00:00:00Z'),"
	" ('X', 'Li Na', NULL, NULL, NULL, NULL, NULL,"
	"  '2026-01-03T00:00:00Z');"
	"INSERT INTO products (sku, name) VALUES ('P1', 'Car');"
	"INSERT INTO leads (id, source, source_id, status, customer_id,"
	" created_at) VALUES ('L1', 'web', '1', 'new', 'M',"
	" '2026-01-01T00:00:00Z');"
	"INSERT INTO deals (id, customer_id, stage, created_on) VALUES"
	" ('D1', 'M', 'new', '2026-01-05');"
	"INSERT INTO orders (id, customer_id, order_date, status, currency)"
	" VALUES ('O1', 'M', '2026-01-06', 'confirmed', 'CNY');"
	"INSERT INTO invoices (id, customer_id, issued_on, amount_minor,"
	" currency, status) VALUES ('I1', 'M', '2026-01-07', 100, 'CNY',"
	" 'open');"
	"INSERT INTO payments (id, customer_id, received_on, amount_minor,"
	" currency) VALUES ('Y1', 'M', '2026-01-08', 100, 'CNY');"
	"INSERT INTO activities (id, kind, customer_id) VALUES"
	" ('V1', 'call', 'M');"
	"INSERT INTO contacts (id, customer_id, name) VALUES"
	" ('K1', 'M', 'Zhang Wei');"
	"INSERT INTO addresses (id, customer_id, line1) VALUES"
	" ('A1', 'M', '8 Nanjing Road');"
	"INSERT INTO customer_tags VALUES"
	" ('M', 'vip', NULL, '2026-01-01T00:00:00Z'),"
	" ('M', 'fleet', NULL, '2026-01-01T00:00:00Z'),"
	" ('S', 'vip', NULL, '2026-01-01T00:00:00Z');"
	"INSERT INTO locations (id, name, customer_id) VALUES"
	" ('LOC1', 'M''s yard', 'M');"
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, location_id, recorded_at) VALUES ('LOT1', 'P1',"
	" '2026-01-02', 1, 100, 'CNY', 'LOC1', '2026-01-02T00:00:00Z');"
	"INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,"
	" customer_id, recorded_at) VALUES"
	" ('LOT1', 'LOC1', '2026-01-02', 1, 'receive', NULL,"
	"  '2026-01-02T00:00:00Z'),"
	" ('LOT1', 'LOC1', '2026-01-09', -1, 'issue', 'M',"
	"  '2026-01-09T00:00:00Z');"
	"INSERT INTO referrals (id, referred_id, referrer_customer_id,"
	" referred_on) VALUES ('RF1', 'M', 'S', '2026-01-10'),"
	" ('RF2', 'X', 'M', '2026-01-10');"
	"INSERT INTO opt_outs (customer_id, channel, opted_out_at) VALUES"
	" ('M', 'sms', '2026-01-01T00:00:00Z');"
	"INSERT INTO customer_nonmatches (a_id, b_id, decided_at) VALUES"
	" ('M', 'X', '2026-01-01T00:00:00Z'),"
	" ('M', 'S', '2026-01-01T00:00:00Z');";

static void
test_merge_everything(void)
{
	crm_db *db = fresh_db();
	crm_identity_merge_opts o = { NULL, -1, 0, "ann" };
	crm_rec *r = crm_rec_new();
	char *before = NULL, *after = NULL, s[1024];
	int round;

	CHECK(db != NULL && r != NULL);
	if (db == NULL || r == NULL)
		return;
	CHECK_INT(sql(db, everything), SQLITE_OK);
	before = snapshot(db);
	CHECK(before != NULL && strstr(before, "\"LOT1\"") != NULL);
	/* merge, unmerge, and the same again: back as before each time */
	for (round = 1; round <= 2; round++) {
		CHECK_INT(crm_db_begin(db, &err), CRM_OK);
		CHECK_INT(crm_identity_merge(db, "M", "S", &o, r, &err),
		    CRM_OK);
		CHECK_INT(crm_db_commit(db, &err), CRM_OK);
		CHECK_STR(crm_rec_get(r, "fields"), "[\"email\","
		    "\"owner_rep_id\",\"credit_limit_minor\",\"currency\"]");
		CHECK_STR(crm_rec_get(r, "moved"), "{\"activity\":1,"
		    "\"address\":1,\"contact\":1,\"deal\":1,\"invoice\":1,"
		    "\"lead\":1,\"location\":1,\"nonmatch\":1,\"opt_out\":1,"
		    "\"order\":1,\"payment\":1,\"referral\":1,"
		    "\"stock_move\":1,\"tag\":1}");
		/* what still names M: the tag S has already, the referral
		 * of M by S, and the pair of M and S themselves */
		pointing_at(db, "M", s, sizeof(s));
		CHECK_STR(s, "customer_nonmatches.a_id "
		    "customer_tags.customer_id referrals.referred_id");
		rows(db, "SELECT a_id, b_id FROM customer_nonmatches"
		    " ORDER BY 1, 2", s, sizeof(s));
		CHECK_STR(s, "M|S\nS|X\n");
		CHECK_INT(crm_db_begin(db, &err), CRM_OK);
		CHECK_INT(crm_identity_unmerge(db, "M", 0, 0, "ann", r, &err),
		    CRM_OK);
		CHECK_INT(crm_db_commit(db, &err), CRM_OK);
		after = snapshot(db);
		CHECK_STR(after, before);
		free(after);
	}
	/* the ledgers: a history row for each field filled and emptied,
	 * two events for each merge and unmerge naming both customers */
	rows(db, "SELECT customer_id, field, coalesce(old_value, 'NULL'),"
	    " new_value, source, merge_id FROM customer_history"
	    " WHERE merge_id = 2 ORDER BY id", s, sizeof(s));
	CHECK_STR(s, "S|email|NULL|zw@example.cn|merge|2\n"
	    "S|owner_rep_id|NULL|R1|merge|2\n"
	    "S|credit_limit_minor|NULL|100000|merge|2\n"
	    "S|currency|NULL|CNY|merge|2\n"
	    "S|email|zw@example.cn|NULL|unmerge|2\n"
	    "S|owner_rep_id|R1|NULL|unmerge|2\n"
	    "S|credit_limit_minor|100000|NULL|unmerge|2\n"
	    "S|currency|CNY|NULL|unmerge|2\n");
	rows(db, "SELECT entity_id, kind, note, data FROM events"
	    " WHERE entity = 'customer' AND data LIKE '{\"merge_id\":2,%'"
	    " ORDER BY id", s, sizeof(s));
	CHECK_STR(s, "M|merge|merged into S|{\"merge_id\":2,\"merged\":\"M\","
	    "\"into\":\"S\"}\n"
	    "S|merge|M merged into it|{\"merge_id\":2,\"merged\":\"M\","
	    "\"into\":\"S\"}\n"
	    "M|unmerge|unmerged from S|{\"merge_id\":2,\"merged\":\"M\","
	    "\"into\":\"S\"}\n"
	    "S|unmerge|M unmerged from it|{\"merge_id\":2,\"merged\":\"M\","
	    "\"into\":\"S\"}\n");

	/* merged again; the survivor then gets a deal of its own and
	 * another e-mail: unmerge leaves both with it */
	CHECK_INT(crm_identity_merge(db, "M", "S", &o, r, &err), CRM_OK);
	CHECK_INT(sql(db, "INSERT INTO deals (id, customer_id, stage,"
	    " created_on) VALUES ('D2', 'S', 'new', '2026-02-01');"
	    "UPDATE customers SET email = 'wei@example.cn' WHERE id = 'S'"),
	    SQLITE_OK);
	CHECK_INT(crm_identity_unmerge(db, "M", 0, 0, "ann", r, &err),
	    CRM_OK);
	rows(db, "SELECT id, customer_id FROM deals ORDER BY id", s,
	    sizeof(s));
	CHECK_STR(s, "D1|M\nD2|S\n");
	rows(db, "SELECT id, coalesce(email, 'NULL'),"
	    " coalesce(owner_rep_id, 'NULL') FROM customers ORDER BY id", s,
	    sizeof(s));
	CHECK_STR(s, "M|zw@example.cn|R1\nS|wei@example.cn|NULL\n"
	    "X|NULL|NULL\n");
	free(before);
	crm_rec_free(r);
	drop_db(db);
}

int
main(void)
{
	RUN(test_email);
	RUN(test_phone);
	RUN(test_code);
	RUN(test_name);
	RUN(test_street_city);
	RUN(test_similarity);
	RUN(test_score);
	RUN(test_match_db);
	RUN(test_merge_unmerge);
	RUN(test_merge_everything);
	crm_buf_free(&b);
	DONE();
}
