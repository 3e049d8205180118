/*
 * schema.c - the database schema as a list of forward migrations.
 *
 * migrations[i] takes a database from user_version i to i + 1.  A step is
 * never edited once released: a change is a new step.  The SQL is kept
 * portable to PostgreSQL (TEXT, INTEGER, no SQLite-only column types):
 * money is INTEGER minor units beside a currency code, dates are ISO TEXT,
 * instants RFC 3339 TEXT in UTC.
 */
#include "internal.h"
#include "schema.h"

static const char schema_v1[] =
	"CREATE TABLE teams ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" region TEXT,"
	" lead_rep_id TEXT,"
	" created_at TEXT NOT NULL);"

	"CREATE TABLE reps ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" email TEXT,"
	" phone TEXT,"
	" team_id TEXT REFERENCES teams(id),"
	" region TEXT,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	" capacity INTEGER CHECK (capacity >= 0),"
	" created_at TEXT NOT NULL);"

	"CREATE TABLE customers ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" kind TEXT,"
	" email TEXT,"
	" phone TEXT,"
	" tax_id TEXT,"
	" region TEXT,"
	" channel TEXT,"
	" owner_rep_id TEXT REFERENCES reps(id),"
	" credit_limit_minor INTEGER,"
	" currency TEXT,"
	" tier TEXT,"
	" merged_into TEXT REFERENCES customers(id),"
	" attrs TEXT,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT);"
	"CREATE INDEX customers_owner ON customers(owner_rep_id);"
	"CREATE INDEX customers_email ON customers(email);"
	"CREATE INDEX customers_phone ON customers(phone);"

	"CREATE TABLE contacts ("
	" id TEXT PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" name TEXT NOT NULL,"
	" role TEXT,"
	" email TEXT,"
	" phone TEXT,"
	" opt_out INTEGER NOT NULL DEFAULT 0 CHECK (opt_out IN (0, 1)),"
	" attrs TEXT);"
	"CREATE INDEX contacts_customer ON contacts(customer_id);"

	"CREATE TABLE leads ("
	" id TEXT PRIMARY KEY,"
	" source TEXT NOT NULL,"
	" source_id TEXT NOT NULL,"
	" name TEXT,"
	" company TEXT,"
	" email TEXT,"
	" phone TEXT,"
	" region TEXT,"
	" product TEXT,"
	" channel TEXT,"
	" status TEXT NOT NULL,"
	" score INTEGER,"
	" priority TEXT,"
	" owner_rep_id TEXT REFERENCES reps(id),"
	" customer_id TEXT REFERENCES customers(id),"
	" duplicate_of TEXT,"
	" due_at TEXT,"
	" attrs TEXT,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT,"
	" UNIQUE (source, source_id));"
	"CREATE INDEX leads_owner ON leads(owner_rep_id, status);"
	"CREATE INDEX leads_email ON leads(email);"
	"CREATE INDEX leads_phone ON leads(phone);"

	"CREATE TABLE deals ("
	" id TEXT PRIMARY KEY,"
	" customer_id TEXT REFERENCES customers(id),"
	" lead_id TEXT REFERENCES leads(id),"
	" owner_rep_id TEXT REFERENCES reps(id),"
	" product TEXT,"
	" amount_minor INTEGER CHECK (amount_minor >= 0),"
	" currency TEXT,"
	" stage TEXT NOT NULL,"
	" probability INTEGER CHECK (probability BETWEEN 0 AND 100),"
	" forecast_category TEXT,"
	" expected_close TEXT,"
	" created_on TEXT NOT NULL,"
	" closed_on TEXT,"
	" lost_reason TEXT,"
	" attrs TEXT);"
	"CREATE INDEX deals_owner ON deals(owner_rep_id, stage);"
	"CREATE INDEX deals_customer ON deals(customer_id);"

	"CREATE TABLE products ("
	" sku TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" segment TEXT,"
	" category TEXT,"
	" unit TEXT,"
	" list_price_minor INTEGER,"
	" currency TEXT,"
	" bom_code TEXT,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	" attrs TEXT);"

	"CREATE TABLE orders ("
	" id TEXT PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" order_date TEXT NOT NULL,"
	" status TEXT NOT NULL,"
	" currency TEXT NOT NULL,"
	" total_minor INTEGER NOT NULL DEFAULT 0,"
	" order_code TEXT UNIQUE,"
	" requested_week TEXT,"
	" plant TEXT,"
	" rep_id TEXT REFERENCES reps(id),"
	" channel TEXT,"
	" region TEXT,"
	" attrs TEXT);"
	"CREATE INDEX orders_customer ON orders(customer_id, order_date);"
	"CREATE INDEX orders_date ON orders(order_date);"

	"CREATE TABLE order_lines ("
	" order_id TEXT NOT NULL REFERENCES orders(id),"
	" line_no INTEGER NOT NULL CHECK (line_no > 0),"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" qty INTEGER NOT NULL,"
	" unit_price_minor INTEGER NOT NULL,"
	" discount_minor INTEGER NOT NULL DEFAULT 0,"
	" amount_minor INTEGER NOT NULL,"
	" colour TEXT,"
	" options TEXT,"
	" PRIMARY KEY (order_id, line_no));"
	"CREATE INDEX order_lines_sku ON order_lines(sku);"

	"CREATE TABLE shipments ("
	" id TEXT PRIMARY KEY,"
	" order_id TEXT NOT NULL REFERENCES orders(id),"
	" shipped_at TEXT NOT NULL,"
	" carrier TEXT,"
	" expected_on TEXT,"
	" status TEXT NOT NULL);"
	"CREATE INDEX shipments_order ON shipments(order_id);"

	"CREATE TABLE shipment_lines ("
	" shipment_id TEXT NOT NULL REFERENCES shipments(id),"
	" order_id TEXT NOT NULL,"
	" line_no INTEGER NOT NULL,"
	" qty INTEGER NOT NULL CHECK (qty > 0),"
	" PRIMARY KEY (shipment_id, order_id, line_no),"
	" FOREIGN KEY (order_id, line_no)"
	"  REFERENCES order_lines(order_id, line_no));"

	"CREATE TABLE invoices ("
	" id TEXT PRIMARY KEY,"
	" order_id TEXT REFERENCES orders(id),"
	" shipment_id TEXT REFERENCES shipments(id),"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" issued_on TEXT NOT NULL,"
	" due_on TEXT,"
	" amount_minor INTEGER NOT NULL,"
	" currency TEXT NOT NULL,"
	" status TEXT NOT NULL);"
	"CREATE INDEX invoices_customer ON invoices(customer_id, status);"

	"CREATE TABLE payments ("
	" id TEXT PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" received_on TEXT NOT NULL,"
	" amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),"
	" currency TEXT NOT NULL,"
	" reference TEXT);"

	"CREATE TABLE payment_allocations ("
	" payment_id TEXT NOT NULL REFERENCES payments(id),"
	" invoice_id TEXT NOT NULL REFERENCES invoices(id),"
	" amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),"
	" PRIMARY KEY (payment_id, invoice_id));"

	"CREATE TABLE locations ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" kind TEXT);"

	"CREATE TABLE stock_lots ("
	" id TEXT PRIMARY KEY,"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" received_on TEXT NOT NULL,"
	" unit_cost_minor INTEGER NOT NULL,"
	" currency TEXT NOT NULL,"
	" serial TEXT,"
	" shipment_id TEXT REFERENCES shipments(id));"
	"CREATE INDEX stock_lots_sku ON stock_lots(sku, received_on);"

	/* Append-only: current stock is derived from the moves. */
	"CREATE TABLE stock_moves ("
	" id INTEGER PRIMARY KEY,"
	" lot_id TEXT NOT NULL REFERENCES stock_lots(id),"
	" location_id TEXT NOT NULL REFERENCES locations(id),"
	" moved_at TEXT NOT NULL,"
	" qty INTEGER NOT NULL CHECK (qty <> 0),"
	" kind TEXT NOT NULL,"
	" ref TEXT,"
	" reason TEXT);"
	"CREATE INDEX stock_moves_lot ON stock_moves(lot_id, location_id);"

	"CREATE TABLE activities ("
	" id TEXT PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" customer_id TEXT REFERENCES customers(id),"
	" deal_id TEXT REFERENCES deals(id),"
	" rep_id TEXT REFERENCES reps(id),"
	" planned_at TEXT,"
	" done_at TEXT,"
	" outcome TEXT,"
	" note TEXT);"
	"CREATE INDEX activities_rep ON activities(rep_id, planned_at);"

	/* Append-only ledger of state changes of leads, deals, orders... */
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" entity TEXT NOT NULL,"
	" entity_id TEXT NOT NULL,"
	" at TEXT NOT NULL,"
	" actor TEXT,"
	" kind TEXT NOT NULL,"
	" from_state TEXT,"
	" to_state TEXT,"
	" note TEXT,"
	" data TEXT);"
	"CREATE INDEX events_entity ON events(entity, entity_id, id);";

/* Version 2: what leads and deals need to be routed and tracked.  A
 * lead remembers its team, when it was assigned and first contacted (for
 * the time to first contact), and why it was disqualified or recycled;
 * a deal when it entered its current stage and why it was won.
 * Delegations are a rep's absence with the rep who stands in until a
 * date; routing_cursors are where each team's round-robin stands. */
static const char schema_v2[] =
	"ALTER TABLE leads ADD COLUMN team_id TEXT REFERENCES teams(id);"
	"ALTER TABLE leads ADD COLUMN assigned_at TEXT;"
	"ALTER TABLE leads ADD COLUMN first_contact_at TEXT;"
	"ALTER TABLE leads ADD COLUMN status_reason TEXT;"
	/* Indexes on what most leads leave empty skip those leads: an
	 * import of a million new leads does not pay for them. */
	"DROP INDEX leads_owner;"
	"CREATE INDEX leads_owner ON leads(owner_rep_id, status)"
	" WHERE owner_rep_id IS NOT NULL;"
	"CREATE INDEX leads_due ON leads(due_at) WHERE due_at IS NOT NULL;"
	"CREATE INDEX leads_company ON leads(lower(company), lower(name))"
	" WHERE company IS NOT NULL AND name IS NOT NULL;"
	"CREATE INDEX leads_customer ON leads(customer_id)"
	" WHERE customer_id IS NOT NULL;"
	"CREATE INDEX customers_name ON customers(name COLLATE NOCASE);"
	"CREATE INDEX contacts_email ON contacts(email);"
	"CREATE INDEX contacts_phone ON contacts(phone);"

	"ALTER TABLE deals ADD COLUMN stage_since TEXT;"
	"ALTER TABLE deals ADD COLUMN won_reason TEXT;"
	"ALTER TABLE deals ADD COLUMN updated_at TEXT;"

	"CREATE TABLE delegations ("
	" id INTEGER PRIMARY KEY,"
	" from_rep_id TEXT NOT NULL REFERENCES reps(id),"
	" to_rep_id TEXT NOT NULL REFERENCES reps(id),"
	" starts_at TEXT NOT NULL,"
	" until TEXT NOT NULL,"
	" created_at TEXT NOT NULL,"
	" CHECK (from_rep_id <> to_rep_id));"
	"CREATE INDEX delegations_from ON delegations(from_rep_id, until);"

	"CREATE TABLE routing_cursors ("
	" team_id TEXT PRIMARY KEY REFERENCES teams(id),"
	" last_rep_id TEXT NOT NULL REFERENCES reps(id));";

/* Version 3: the catalog and the order cycle.  Colours and options have
 * codes of their own; a product may restrict which it comes in (no rows:
 * all).  Aliases are the market's words for a product, colour or option,
 * kept with their normalised form, which is what matching looks up.
 * Prices are per list, sku and customer tier (NULL: any tier) over a
 * validity range (valid_to NULL: open).  order_seqs hands out order-code
 * sequence numbers per scope (base, year, week) inside the writer's
 * transaction, so two processes never get the same number.  An order
 * remembers what APS said, when it was sent, why it was cancelled or
 * held; a line has its own order code, since the code names one
 * configuration (colour, options); promo_grants makes a promotion
 * granted once per purchase. */
static const char schema_v3[] =
	"CREATE TABLE colours ("
	" code TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

	"CREATE TABLE options ("
	" code TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

	"CREATE TABLE product_colours ("
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" colour TEXT NOT NULL REFERENCES colours(code),"
	" PRIMARY KEY (sku, colour));"

	"CREATE TABLE product_options ("
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" option TEXT NOT NULL REFERENCES options(code),"
	" PRIMARY KEY (sku, option));"

	"CREATE TABLE aliases ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('product', 'colour', 'option')),"
	" code TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" norm TEXT NOT NULL,"
	" UNIQUE (norm, kind, code));"

	"CREATE TABLE prices ("
	" id INTEGER PRIMARY KEY,"
	" list TEXT NOT NULL,"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" tier TEXT,"
	" valid_from TEXT NOT NULL,"
	" valid_to TEXT,"
	" price_minor INTEGER NOT NULL CHECK (price_minor >= 0),"
	" currency TEXT NOT NULL,"
	" CHECK (valid_to IS NULL OR valid_to >= valid_from));"
	"CREATE INDEX prices_sku ON prices(sku, valid_from);"

	"CREATE TABLE order_seqs ("
	" scope TEXT PRIMARY KEY,"
	" last INTEGER NOT NULL CHECK (last >= 0));"

	"ALTER TABLE orders ADD COLUMN kind TEXT;"
	"ALTER TABLE orders ADD COLUMN purchase_ref TEXT;"
	"ALTER TABLE orders ADD COLUMN original_order_id TEXT"
	" REFERENCES orders(id);"
	"ALTER TABLE orders ADD COLUMN subtotal_minor INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN discount_minor INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN tax_minor INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE orders ADD COLUMN credit_hold INTEGER NOT NULL DEFAULT 0"
	" CHECK (credit_hold IN (0, 1));"
	"ALTER TABLE orders ADD COLUMN status_reason TEXT;"
	"ALTER TABLE orders ADD COLUMN scheduled_on TEXT;"
	"ALTER TABLE orders ADD COLUMN planned_week TEXT;"
	"ALTER TABLE orders ADD COLUMN aps_status TEXT;"
	"ALTER TABLE orders ADD COLUMN aps_sent_at TEXT;"
	"ALTER TABLE orders ADD COLUMN created_at TEXT;"
	"ALTER TABLE orders ADD COLUMN updated_at TEXT;"
	"CREATE INDEX orders_status ON orders(status);"
	"CREATE INDEX orders_purchase ON orders(purchase_ref)"
	" WHERE purchase_ref IS NOT NULL;"

	/* Lines come in by the million in random sku order; this index
	 * made creating them a sixth slower, and what reads lines by sku
	 * (reports) scans them all anyway. */
	"DROP INDEX order_lines_sku;"
	"ALTER TABLE order_lines ADD COLUMN description TEXT;"
	"ALTER TABLE order_lines ADD COLUMN promo_id TEXT;"
	"ALTER TABLE order_lines ADD COLUMN order_code TEXT;"
	"CREATE UNIQUE INDEX order_lines_code ON order_lines(order_code)"
	" WHERE order_code IS NOT NULL;"

	"CREATE TABLE promo_grants ("
	" promo_id TEXT NOT NULL,"
	" purchase_ref TEXT NOT NULL,"
	" order_id TEXT NOT NULL REFERENCES orders(id),"
	" cost_minor INTEGER NOT NULL CHECK (cost_minor >= 0),"
	" revenue_minor INTEGER NOT NULL DEFAULT 0,"
	" currency TEXT NOT NULL,"
	" detail TEXT,"
	" PRIMARY KEY (promo_id, purchase_ref));"
	"CREATE INDEX promo_grants_order ON promo_grants(order_id);"

	"ALTER TABLE shipments ADD COLUMN destination TEXT;"
	"ALTER TABLE shipments ADD COLUMN delivered_on TEXT;"

	"ALTER TABLE invoices ADD COLUMN tax_minor INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX invoices_order ON invoices(order_id);"

	"CREATE TABLE invoice_lines ("
	" invoice_id TEXT NOT NULL REFERENCES invoices(id),"
	" order_id TEXT NOT NULL,"
	" line_no INTEGER NOT NULL,"
	" qty INTEGER NOT NULL,"
	" amount_minor INTEGER NOT NULL,"
	" PRIMARY KEY (invoice_id, order_id, line_no),"
	" FOREIGN KEY (order_id, line_no)"
	"  REFERENCES order_lines(order_id, line_no));"

	"CREATE INDEX payments_customer ON payments(customer_id, received_on);"
	"CREATE INDEX payment_allocations_invoice"
	" ON payment_allocations(invoice_id);";

/* Version 4: stock at the sales end.  The stock tables of version 1 were
 * never written by any program; they are rebuilt here (keeping any rows
 * a load put in them) with what the stock ledger needs.
 *
 * stock_transit holds shipped lines on their way to a location, from
 * crm-order's shipments or another feed; what has arrived of a line is
 * the sum of the lots received from it.  A lot is one receipt of one sku
 * at one location on one day at one unit cost (one unit with a serial
 * number); it keeps its receipt date wherever it moves.  stock_moves is
 * the append-only ledger: every change of the quantity of a lot at a
 * location, dated by the day it happened.  stock_balances is a cache of
 * the ledger's sums per lot and location (rows above zero only), kept
 * in step inside the same transaction, ordered for FIFO; crm-db check
 * compares it with the ledger.  An order may name the location that
 * fills it, where it reserves stock until it is issued. */
static const char schema_v4[] =
	"ALTER TABLE locations ADD COLUMN region TEXT;"
	"ALTER TABLE locations ADD COLUMN customer_id TEXT"
	" REFERENCES customers(id);"
	"ALTER TABLE orders ADD COLUMN location_id TEXT;"

	"CREATE TABLE stock_transit ("
	" shipment_id TEXT NOT NULL,"
	" line_no INTEGER NOT NULL CHECK (line_no > 0),"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" qty INTEGER NOT NULL CHECK (qty > 0),"
	" location_id TEXT NOT NULL REFERENCES locations(id),"
	" shipped_on TEXT NOT NULL,"
	" expected_on TEXT,"
	" carrier TEXT,"
	" order_id TEXT,"
	" order_code TEXT,"
	" serial TEXT,"
	" unit_cost_minor INTEGER CHECK (unit_cost_minor >= 0),"
	" currency TEXT,"
	" recorded_at TEXT NOT NULL,"
	" PRIMARY KEY (shipment_id, line_no));"
	"CREATE INDEX stock_transit_expected ON stock_transit(expected_on);"

	"CREATE TABLE stock_lots_v4 ("
	" id TEXT PRIMARY KEY,"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" received_on TEXT NOT NULL,"
	" qty INTEGER NOT NULL CHECK (qty > 0),"
	" unit_cost_minor INTEGER NOT NULL CHECK (unit_cost_minor >= 0),"
	" currency TEXT NOT NULL,"
	" serial TEXT,"
	" location_id TEXT NOT NULL REFERENCES locations(id),"
	" shipment_id TEXT,"
	" line_no INTEGER,"
	" carrier TEXT,"
	" received_by TEXT,"
	" recorded_at TEXT NOT NULL,"
	" FOREIGN KEY (shipment_id, line_no)"
	"  REFERENCES stock_transit(shipment_id, line_no));"

	"CREATE TABLE stock_moves_v4 ("
	" id INTEGER PRIMARY KEY,"
	" lot_id TEXT NOT NULL REFERENCES stock_lots_v4(id),"
	" location_id TEXT NOT NULL REFERENCES locations(id),"
	" moved_on TEXT NOT NULL,"
	" qty INTEGER NOT NULL CHECK (qty <> 0),"
	" kind TEXT NOT NULL"
	"  CHECK (kind IN ('receive', 'issue', 'move', 'count')),"
	" ref TEXT,"
	" order_id TEXT,"
	" line_no INTEGER,"
	" customer_id TEXT,"
	" reason TEXT,"
	" recorded_at TEXT NOT NULL);"

	"INSERT INTO stock_lots_v4 (id, sku, received_on, qty,"
	" unit_cost_minor, currency, serial, location_id, shipment_id,"
	" recorded_at)"
	" SELECT l.id, l.sku, l.received_on,"
	"  coalesce((SELECT sum(m.qty) FROM stock_moves m"
	"   WHERE m.lot_id = l.id AND m.qty > 0), 1), l.unit_cost_minor,"
	"  l.currency, l.serial,"
	"  (SELECT m.location_id FROM stock_moves m WHERE m.lot_id = l.id"
	"   ORDER BY m.id LIMIT 1), NULL, l.received_on"
	" FROM stock_lots l;"
	"INSERT INTO stock_moves_v4 (id, lot_id, location_id, moved_on, qty,"
	" kind, ref, reason, recorded_at)"
	" SELECT id, lot_id, location_id, substr(moved_at, 1, 10), qty,"
	"  CASE WHEN kind IN ('receive', 'issue', 'move') THEN kind"
	"  ELSE 'count' END, ref, reason, moved_at"
	" FROM stock_moves;"
	"DROP TABLE stock_moves;"
	"DROP TABLE stock_lots;"
	"ALTER TABLE stock_lots_v4 RENAME TO stock_lots;"
	"ALTER TABLE stock_moves_v4 RENAME TO stock_moves;"
	"CREATE INDEX stock_lots_sku ON stock_lots(sku, received_on);"
	"CREATE INDEX stock_lots_shipment ON stock_lots(shipment_id, line_no)"
	" WHERE shipment_id IS NOT NULL;"
	"CREATE UNIQUE INDEX stock_lots_serial ON stock_lots(serial)"
	" WHERE serial IS NOT NULL;"
	"CREATE INDEX stock_moves_lot"
	" ON stock_moves(lot_id, location_id, moved_on);"
	"CREATE INDEX stock_moves_order ON stock_moves(order_id, line_no)"
	" WHERE order_id IS NOT NULL;"
	"CREATE INDEX stock_moves_issue ON stock_moves(moved_on)"
	" WHERE kind = 'issue';"

	"CREATE TABLE stock_balances ("
	" location_id TEXT NOT NULL REFERENCES locations(id),"
	" sku TEXT NOT NULL REFERENCES products(sku),"
	" received_on TEXT NOT NULL,"
	" lot_id TEXT NOT NULL REFERENCES stock_lots(id),"
	" qty INTEGER NOT NULL CHECK (qty > 0),"
	" PRIMARY KEY (location_id, sku, received_on, lot_id));"
	"INSERT INTO stock_balances"
	" SELECT m.location_id, l.sku, l.received_on, l.id, sum(m.qty)"
	" FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id"
	" GROUP BY m.location_id, l.id HAVING sum(m.qty) > 0;";

/* Version 5: what reports compare sales with.  A target is an amount
 * (and or a quantity) for a scope (the company, a rep, a team, a region
 * or a product) over a period given by its key (2026, 2026-Q4, 2026-11,
 * 2026-W47); scope_id is '' for the company.  Market figures are the
 * market's units (and value) per kind (wholesale, retail,
 * registration), period key, segment, region ('' for all) and brand,
 * ours among them, so our share is ours over all brands. */
static const char schema_v5[] =
	"CREATE TABLE targets ("
	" scope TEXT NOT NULL"
	"  CHECK (scope IN ('company', 'rep', 'team', 'region', 'product')),"
	" scope_id TEXT NOT NULL,"
	" period TEXT NOT NULL,"
	" amount_minor INTEGER CHECK (amount_minor >= 0),"
	" currency TEXT,"
	" qty INTEGER CHECK (qty >= 0),"
	" note TEXT,"
	" updated_at TEXT NOT NULL,"
	" CHECK (amount_minor IS NOT NULL OR qty IS NOT NULL),"
	" CHECK (amount_minor IS NULL OR currency IS NOT NULL),"
	" PRIMARY KEY (scope, scope_id, period));"

	"CREATE TABLE market_figures ("
	" kind TEXT NOT NULL"
	"  CHECK (kind IN ('wholesale', 'retail', 'registration')),"
	" period TEXT NOT NULL,"
	" segment TEXT NOT NULL,"
	" region TEXT NOT NULL DEFAULT '',"
	" brand TEXT NOT NULL,"
	" units INTEGER NOT NULL CHECK (units >= 0),"
	" amount_minor INTEGER CHECK (amount_minor >= 0),"
	" currency TEXT,"
	" updated_at TEXT NOT NULL,"
	" PRIMARY KEY (kind, period, segment, region, brand));";

/* Version 6: the customer profile and the workbench.  A customer may be
 * an exclusive dealer, carries a registration number and the channel it
 * came through (web, app, store, phone, partner), and the partner who
 * brought it.  Addresses and tags are rows of their own.  Every change
 * of a customer's field is kept in customer_history (old and new text),
 * so a merge can show and undo what it changed: merges records who was
 * merged into whom, with the evidence, and merge_moves every row a
 * merge re-pointed from the merged customer to the survivor (entity:
 * lead, deal, order, invoice, payment, activity, contact, address, tag,
 * location, referral, opt_out, stock_move, nonmatch), so unmerge puts
 * exactly those back.
 * customer_nonmatches are pairs a person said are two customers, which
 * match no longer proposes.  Opt-outs are per customer, or per contact,
 * for one channel or (channel NULL) all.  A referral names the referrer
 * (a customer or a partner) of a customer; rewards and partner rebates
 * are settled per period and currency, once.  Campaigns remember the
 * contacts they made (as activities of the campaign), so that nobody is
 * contacted twice by mistake.  Activities gain the channel, contact,
 * lead, campaign, subject and their times; reps a time zone (an IANA
 * name) for their agenda. */
static const char schema_v6[] =
	"CREATE TABLE partners ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('agent', 'referral', 'dealer')),"
	" email TEXT,"
	" phone TEXT,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	" attrs TEXT,"
	" created_at TEXT NOT NULL);"

	"ALTER TABLE customers ADD COLUMN exclusive INTEGER"
	" CHECK (exclusive IN (0, 1));"
	"ALTER TABLE customers ADD COLUMN reg_no TEXT;"
	"ALTER TABLE customers ADD COLUMN source TEXT;"
	"ALTER TABLE customers ADD COLUMN partner_id TEXT"
	" REFERENCES partners(id);"
	"ALTER TABLE customers ADD COLUMN merged_at TEXT;"
	"CREATE INDEX customers_tax ON customers(tax_id)"
	" WHERE tax_id IS NOT NULL;"
	"CREATE INDEX customers_merged ON customers(merged_into)"
	" WHERE merged_into IS NOT NULL;"
	"CREATE INDEX customers_partner ON customers(partner_id)"
	" WHERE partner_id IS NOT NULL;"
	"ALTER TABLE contacts ADD COLUMN created_at TEXT;"
	"ALTER TABLE reps ADD COLUMN timezone TEXT;"

	"CREATE TABLE addresses ("
	" id TEXT PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" kind TEXT,"
	" line1 TEXT,"
	" line2 TEXT,"
	" city TEXT,"
	" postcode TEXT,"
	" region TEXT,"
	" country TEXT,"
	" attrs TEXT);"
	"CREATE INDEX addresses_customer ON addresses(customer_id);"

	"CREATE TABLE customer_tags ("
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" tag TEXT NOT NULL,"
	" source TEXT,"
	" tagged_at TEXT NOT NULL,"
	" PRIMARY KEY (customer_id, tag));"
	"CREATE INDEX customer_tags_tag ON customer_tags(tag);"

	"CREATE TABLE merges ("
	" id INTEGER PRIMARY KEY,"
	" survivor_id TEXT NOT NULL REFERENCES customers(id),"
	" merged_id TEXT NOT NULL REFERENCES customers(id),"
	" merged_at TEXT NOT NULL,"
	" actor TEXT,"
	" confidence INTEGER CHECK (confidence BETWEEN 0 AND 100),"
	" evidence TEXT,"
	" undone_at TEXT,"
	" CHECK (survivor_id <> merged_id));"
	"CREATE INDEX merges_merged ON merges(merged_id);"
	"CREATE INDEX merges_survivor ON merges(survivor_id);"

	"CREATE TABLE merge_moves ("
	" merge_id INTEGER NOT NULL REFERENCES merges(id),"
	" entity TEXT NOT NULL,"
	" entity_id TEXT NOT NULL,"
	" PRIMARY KEY (merge_id, entity, entity_id));"

	"CREATE TABLE customer_history ("
	" id INTEGER PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" field TEXT NOT NULL,"
	" old_value TEXT,"
	" new_value TEXT,"
	" changed_at TEXT NOT NULL,"
	" source TEXT,"
	" merge_id INTEGER REFERENCES merges(id));"
	"CREATE INDEX customer_history_customer"
	" ON customer_history(customer_id, id);"

	"CREATE TABLE customer_nonmatches ("
	" a_id TEXT NOT NULL REFERENCES customers(id),"
	" b_id TEXT NOT NULL REFERENCES customers(id),"
	" decided_at TEXT NOT NULL,"
	" actor TEXT,"
	" note TEXT,"
	" CHECK (a_id < b_id),"
	" PRIMARY KEY (a_id, b_id));"

	"CREATE TABLE opt_outs ("
	" id INTEGER PRIMARY KEY,"
	" customer_id TEXT NOT NULL REFERENCES customers(id),"
	" contact_id TEXT REFERENCES contacts(id),"
	" channel TEXT,"
	" opted_out_at TEXT NOT NULL,"
	" source TEXT);"
	"CREATE INDEX opt_outs_customer ON opt_outs(customer_id);"

	"CREATE TABLE referrals ("
	" id TEXT PRIMARY KEY,"
	" referred_id TEXT NOT NULL UNIQUE REFERENCES customers(id),"
	" referrer_customer_id TEXT REFERENCES customers(id),"
	" referrer_partner_id TEXT REFERENCES partners(id),"
	" referred_on TEXT NOT NULL,"
	" note TEXT,"
	" CHECK ((referrer_customer_id IS NULL) <>"
	"  (referrer_partner_id IS NULL)),"
	" CHECK (referrer_customer_id IS NULL"
	"  OR referrer_customer_id <> referred_id));"
	"CREATE INDEX referrals_customer ON referrals(referrer_customer_id)"
	" WHERE referrer_customer_id IS NOT NULL;"
	"CREATE INDEX referrals_partner ON referrals(referrer_partner_id)"
	" WHERE referrer_partner_id IS NOT NULL;"

	"CREATE TABLE settlements ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('reward', 'rebate')),"
	" payee_id TEXT NOT NULL,"
	" period TEXT NOT NULL,"
	" currency TEXT NOT NULL,"
	" revenue_minor INTEGER NOT NULL,"
	" amount_minor INTEGER NOT NULL,"
	" rule TEXT,"
	" settled_at TEXT NOT NULL,"
	" UNIQUE (kind, payee_id, period, currency));"

	"CREATE TABLE campaigns ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" channel TEXT NOT NULL,"
	" template TEXT,"
	" selection TEXT,"
	" created_at TEXT NOT NULL);"

	"ALTER TABLE activities ADD COLUMN channel TEXT;"
	"ALTER TABLE activities ADD COLUMN contact_id TEXT"
	" REFERENCES contacts(id);"
	"ALTER TABLE activities ADD COLUMN lead_id TEXT REFERENCES leads(id);"
	"ALTER TABLE activities ADD COLUMN campaign_id TEXT"
	" REFERENCES campaigns(id);"
	"ALTER TABLE activities ADD COLUMN subject TEXT;"
	"ALTER TABLE activities ADD COLUMN created_at TEXT;"
	"ALTER TABLE activities ADD COLUMN updated_at TEXT;"
	"CREATE INDEX activities_customer ON activities(customer_id, done_at)"
	" WHERE customer_id IS NOT NULL;"
	"CREATE INDEX activities_deal ON activities(deal_id)"
	" WHERE deal_id IS NOT NULL;"
	"CREATE INDEX activities_campaign ON activities(campaign_id)"
	" WHERE campaign_id IS NOT NULL;";

/* Version 7: an activity can carry out a service that a service plan
 * (crm-service-plan(5)) makes due for a delivered unit: unit is the
 * unit's serial, else its lot (as crm-stock units writes them), and
 * service_on the day the service was due.  The agenda finds by them
 * whether a service due is done, planned, or still to plan.  The stock
 * moves of a customer (the units delivered to it) are found by an index,
 * as a merge moves them and the agenda reads them. */
static const char schema_v7[] =
	"ALTER TABLE activities ADD COLUMN unit TEXT;"
	"ALTER TABLE activities ADD COLUMN service_on TEXT;"
	"CREATE INDEX activities_unit ON activities(unit, service_on)"
	" WHERE unit IS NOT NULL;"
	"CREATE INDEX stock_moves_customer ON stock_moves(customer_id)"
	" WHERE customer_id IS NOT NULL;";

static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
	schema_v7,
};

int
crm_schema_version(void)
{
	return (int)ARRAY_LEN(migrations);
}

const char *
crm_schema_step(int from)
{
	if (from < 0 || from >= (int)ARRAY_LEN(migrations))
		return NULL;
	return migrations[from];
}

/* Tables in an order where every table comes after those it refers to:
 * the order of dump and load.  Caches (stock_balances) are not among
 * them: a load rebuilds them from what they cache. */
static const char *const tables[] = {
	"teams", "reps", "partners", "customers", "contacts", "addresses",
	"customer_tags", "leads", "deals",
	"products", "colours", "options", "product_colours", "product_options",
	"aliases", "prices", "orders", "order_lines", "order_seqs",
	"promo_grants", "shipments", "shipment_lines", "invoices",
	"invoice_lines", "payments", "payment_allocations", "locations",
	"stock_transit", "stock_lots", "stock_moves", "campaigns",
	"activities", "events", "delegations", "routing_cursors", "targets",
	"market_figures", "merges", "merge_moves", "customer_history",
	"customer_nonmatches", "opt_outs", "referrals", "settlements",
};

size_t
crm_schema_ntables(void)
{
	return ARRAY_LEN(tables);
}

const char *
crm_schema_table(size_t i)
{
	return i < ARRAY_LEN(tables) ? tables[i] : NULL;
}
