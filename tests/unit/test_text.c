/*
 * test_text.c - normalising names, e-mail addresses and phone numbers.
 */
#include "t.h"

#include "crm/crm.h"

static crm_buf out = CRM_BUF_INIT;
static crm_err err;

static const char *
norm(const char *s, unsigned flags)
{
	if (crm_text_norm(&out, s, strlen(s), flags, &err) != CRM_OK)
		return "(failed)";
	return out.data;
}

static void
test_text(void)
{
	const unsigned all = CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM |
	    CRM_TEXT_LOWER;

	/* ＡＢＣ１２３ */
	CHECK_STR(norm("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3\xef\xbc\x91"
	    "\xef\xbc\x92\xef\xbc\x93", CRM_TEXT_HALFWIDTH), "ABC123");
	/* without the flag, untouched */
	CHECK_STR(norm("\xef\xbc\xa1", 0), "\xef\xbc\xa1");
	/* the ideographic space is a space, then trimmed */
	CHECK_STR(norm("\xe3\x80\x80" "a\xe3\x80\x80\xe3\x80\x80" "b", all),
	    "a b");
	CHECK_STR(norm("  a \t\n b  ", CRM_TEXT_TRIM), "a b");
	CHECK_STR(norm("  a  ", 0), "  a  ");
	CHECK_STR(norm("AbC", CRM_TEXT_LOWER), "abc");
	/* lower case is ASCII only: Ä stays */
	CHECK_STR(norm("\xc3\x84" "B", CRM_TEXT_LOWER), "\xc3\x84" "b");
	CHECK_STR(norm("Web-Form_(new)", CRM_TEXT_NOPUNCT | CRM_TEXT_TRIM |
	    CRM_TEXT_LOWER), "web form new");
	/* CJK text passes through, spaces around it kept as one */
	CHECK_STR(norm(" \xe5\x8c\x97\xe4\xba\xac  \xe8\xbd\xa6 ", all),
	    "\xe5\x8c\x97\xe4\xba\xac \xe8\xbd\xa6");
	CHECK_STR(norm("", all), "");
	CHECK_STR(norm("   ", all), "");
}

static const char *
email(const char *s)
{
	int rc = crm_email_norm(&out, s, strlen(s), &err);

	if (rc != CRM_OK) {
		CHECK_INT(rc, CRM_EDATA);
		CHECK_STR(err.msg, "not an e-mail address");
		return "(bad)";
	}
	return out.data;
}

static void
test_email(void)
{
	CHECK_STR(email(" Ann.Lee@Example.COM "), "ann.lee@example.com");
	/* ＡＮＮ＠ＥＸ．ＣＮ */
	CHECK_STR(email("\xef\xbc\xa1\xef\xbc\xae\xef\xbc\xae\xef\xbc\xa0"
	    "\xef\xbc\xa5\xef\xbc\xb8\xef\xbc\x8e\xef\xbc\xa3\xef\xbc\xae"),
	    "ann@ex.cn");
	CHECK_STR(email("a+tag@mail.example.co.uk"), "a+tag@mail.example.co.uk");
	CHECK_STR(email("\xe7\x8e\x8b@example.cn"), "\xe7\x8e\x8b@example.cn");
	CHECK_STR(email("o'brien@x-y.ie"), "o'brien@x-y.ie");
	CHECK_STR(email("ann.example.com"), "(bad)");
	CHECK_STR(email("a@b@c.com"), "(bad)");
	CHECK_STR(email("@example.com"), "(bad)");
	CHECK_STR(email(".a@example.com"), "(bad)");
	CHECK_STR(email("a.@example.com"), "(bad)");
	CHECK_STR(email("a..b@example.com"), "(bad)");
	CHECK_STR(email("a@-x.com"), "(bad)");
	CHECK_STR(email("a@x-.com"), "(bad)");
	CHECK_STR(email("a@x.c"), "(bad)");
	CHECK_STR(email("a@localhost"), "(bad)");
	CHECK_STR(email("a b@x.com"), "(bad)");
	CHECK_STR(email("a@x..com"), "(bad)");
	CHECK_STR(email(""), "(bad)");
	CHECK_STR(email("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaa@x.com"), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaa@x.com");   /* 64: the most */
	CHECK_STR(email("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaa@x.com"), "(bad)");   /* 65 */
}

static const char *
phone(const char *s, const char *country)
{
	if (crm_phone_norm(&out, s, strlen(s), country, &err) != CRM_OK)
		return err.msg;
	return out.data;
}

static void
test_phone(void)
{
	CHECK_STR(phone("+86 138-0013-8000", NULL), "+8613800138000");
	CHECK_STR(phone("0086 138 0013 8000", NULL), "+8613800138000");
	CHECK_STR(phone("010-6660-1234", "86"), "+861066601234");
	CHECK_STR(phone("13800138000", "86"), "+8613800138000");
	CHECK_STR(phone("(555) 010-0199", "1"), "+15550100199");
	CHECK_STR(phone("+39 02 1234 5678", "86"), "+390212345678");
	/* ＋８６　１３８００１３８０００ */
	CHECK_STR(phone("\xef\xbc\x8b\xef\xbc\x98\xef\xbc\x96\xe3\x80\x80"
	    "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x90", NULL), "+8613800138000");
	CHECK_STR(phone("010-6660-1234", NULL),
	    "no country code (national number)");
	CHECK_STR(phone("010-6660-1234", ""),
	    "no country code (national number)");
	CHECK_STR(phone("call me", "86"), "not a phone number");
	CHECK_STR(phone("+86 138 0013 8000 ext 12", NULL), "not a phone number");
	CHECK_STR(phone("+86 138+0013", NULL), "not a phone number");
	CHECK_STR(phone("+1 234", NULL), "not a phone number (4 digits; 7 to "
	    "15 with the country code)");
	CHECK_STR(phone("+86 1380013800012345", NULL), "not a phone number (18 "
	    "digits; 7 to 15 with the country code)");
	CHECK_STR(phone("", "86"), "not a phone number (2 digits; 7 to 15 "
	    "with the country code)");
}

int
main(void)
{
	RUN(test_text);
	RUN(test_email);
	RUN(test_phone);
	crm_buf_free(&out);
	DONE();
}
