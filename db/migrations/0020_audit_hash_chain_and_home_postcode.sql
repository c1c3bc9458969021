CREATE TABLE "audit_anchors" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_one_row" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "home_postcode" text;--> statement-breakpoint
-- Hand-written: an entry's hash is SHA-256 over the previous entry's hash and a canonical text of
-- all its fields (each quoted as a SQL literal or NULL, so no value can pass for a separator).
-- `pnpm mast audit verify` rebuilds the same text on its own (server/src/audit/verify-chain.ts).
CREATE FUNCTION audit_entry_hash(
	prev_hash text, seq bigint, user_id integer, organisation_id integer, role text, action text,
	uprn bigint, subject_kind text, subject_id text, purpose text, reference text, detail jsonb,
	matrix_version text, client text, session_ref text, at timestamptz
) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to(prev_hash || ',' || concat_ws(',',
		quote_nullable(seq::text), quote_nullable(user_id::text), quote_nullable(organisation_id::text),
		quote_nullable(role), quote_nullable(action), quote_nullable(uprn::text), quote_nullable(subject_kind),
		quote_nullable(subject_id), quote_nullable(purpose), quote_nullable(reference), quote_nullable(detail::text),
		quote_nullable(matrix_version), quote_nullable(client), quote_nullable(session_ref),
		quote_nullable(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
	), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Hand-written: entries written before the chain are chained here, in the order they were written
-- (by id), from the genesis hash (64 zeros); the head then points at the last of them.
DO $$
DECLARE
	r record;
	n bigint := 0;
	p text := repeat('0', 64);
	h text := repeat('0', 64);
BEGIN
	FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
		n := n + 1;
		p := h;
		h := audit_entry_hash(p, n, r.user_id, r.organisation_id, r.role, r.action, r.uprn, r.subject_kind, r.subject_id,
			r.purpose, r.reference, r.detail, r.matrix_version, r.client, r.session_ref, r.at);
		UPDATE audit_events SET seq = n, prev_hash = p, hash = h WHERE id = r.id;
	END LOOP;
	INSERT INTO audit_chain_head (id, seq, hash, prev_hash) VALUES (1, n, h, p);
	IF n > 0 THEN
		INSERT INTO audit_anchors (seq, hash) VALUES (n, h);
	END IF;
END $$;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_seq_unique" UNIQUE("seq");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
-- Hand-written: the trail is append-only. Entries and anchors are never changed or removed; the
-- head only ever moves forward. (A database superuser can drop a
-- trigger: the chain, checked against an anchor copied out of mast, is what catches that.)
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE FUNCTION audit_head_only_advances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq THEN
		RAISE EXCEPTION 'the audit chain head only moves forward' USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END $$;--> statement-breakpoint
-- Hand-written: appends entries (a JSON array of objects with the audit_events columns) to the
-- chain in one statement: it locks the head (a writer in another process waits here, then reads
-- the head as that writer left it), chains and inserts each entry, anchors every 1000th entry and
-- the first of each day, and moves the head on. Returns each entry's seq and hash, in order.
CREATE FUNCTION audit_append(entries jsonb) RETURNS TABLE (entry_seq bigint, entry_hash text) LANGUAGE plpgsql AS $$
DECLARE
	e jsonb;
	h_seq bigint;
	h_hash text;
	p text;
BEGIN
	IF jsonb_array_length(entries) = 0 THEN
		RETURN;
	END IF;
	SELECT h.seq, h.hash INTO h_seq, h_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'the audit chain head is missing';
	END IF;
	FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
		p := h_hash;
		h_seq := h_seq + 1;
		h_hash := audit_entry_hash(p, h_seq, (e->>'user_id')::integer, (e->>'organisation_id')::integer, e->>'role', e->>'action',
			(e->>'uprn')::bigint, e->>'subject_kind', e->>'subject_id', e->>'purpose', e->>'reference', NULLIF(e->'detail', 'null'::jsonb),
			e->>'matrix_version', e->>'client', e->>'session_ref', now());
		INSERT INTO audit_events (seq, prev_hash, hash, user_id, organisation_id, role, action, uprn, subject_kind, subject_id,
			purpose, reference, detail, matrix_version, client, session_ref, at)
		VALUES (h_seq, p, h_hash, (e->>'user_id')::integer, (e->>'organisation_id')::integer, e->>'role', e->>'action',
			(e->>'uprn')::bigint, e->>'subject_kind', e->>'subject_id', e->>'purpose', e->>'reference', NULLIF(e->'detail', 'null'::jsonb),
			e->>'matrix_version', e->>'client', e->>'session_ref', now());
		IF h_seq % 1000 = 0 THEN
			INSERT INTO audit_anchors (seq, hash) VALUES (h_seq, h_hash) ON CONFLICT DO NOTHING;
		END IF;
		entry_seq := h_seq;
		entry_hash := h_hash;
		RETURN NEXT;
	END LOOP;
	UPDATE audit_chain_head SET seq = h_seq, hash = h_hash, prev_hash = p WHERE id = 1;
	IF NOT EXISTS (SELECT 1 FROM audit_anchors a WHERE a.at > now() - interval '1 day') THEN
		INSERT INTO audit_anchors (seq, hash) VALUES (h_seq, h_hash) ON CONFLICT DO NOTHING;
	END IF;
END $$;--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_chain_head_advances BEFORE UPDATE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_head_only_advances();--> statement-breakpoint
CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
