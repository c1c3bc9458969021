ALTER TABLE "audit_events" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_unchained_idx" ON "audit_events" USING btree ("id") WHERE "audit_events"."seq" IS NULL;--> statement-breakpoint
CREATE INDEX "lead_notifications_viewer_uprn_at_idx" ON "lead_notifications" USING btree ("viewer_user_id","uprn","at");--> statement-breakpoint
-- Hand-written: an entry is written on its own (a plain insert, committed before the view it
-- records is answered) and linked into the chain by audit_chain_pending soon after, so that views
-- no longer take turns on the chain head. Until then its seq, prev_hash and hash are all null.
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chained_whole" CHECK (("seq" IS NULL) = ("prev_hash" IS NULL) AND ("seq" IS NULL) = ("hash" IS NULL));--> statement-breakpoint
-- Hand-written: the one change an entry may see is being chained, once: its three chain columns
-- go from null to set, and nothing it records changes. Deleting stays refused.
CREATE FUNCTION audit_events_chain_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
		AND (NEW.id, NEW.user_id, NEW.organisation_id, NEW.role, NEW.action, NEW.uprn, NEW.subject_kind, NEW.subject_id,
		     NEW.purpose, NEW.reference, NEW.detail, NEW.matrix_version, NEW.client, NEW.session_ref, NEW.at)
		    IS NOT DISTINCT FROM
		    (OLD.id, OLD.user_id, OLD.organisation_id, OLD.role, OLD.action, OLD.uprn, OLD.subject_kind, OLD.subject_id,
		     OLD.purpose, OLD.reference, OLD.detail, OLD.matrix_version, OLD.client, OLD.session_ref, OLD.at) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
DROP TRIGGER audit_events_append_only ON audit_events;--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_events_chained_once BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain_once();--> statement-breakpoint
-- Hand-written: links up to max_entries waiting entries into the chain, oldest written first,
-- each hashed over the fields it was written with (its own time included); anchors every 1000th
-- entry and the first of each day, and moves the head on. A chainer in another process holding
-- the head is left to it (this returns 0 at once). Returns how many entries were chained.
CREATE FUNCTION audit_chain_pending(max_entries integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	r record;
	n integer := 0;
	h_seq bigint;
	h_hash text;
	p text;
BEGIN
	-- Nothing waiting (most ticks): no lock is taken, so an idle server writes nothing.
	IF NOT EXISTS (SELECT 1 FROM audit_events WHERE seq IS NULL) THEN
		RETURN 0;
	END IF;
	SELECT h.seq, h.hash INTO h_seq, h_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE SKIP LOCKED;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1) THEN
			RAISE EXCEPTION 'the audit chain head is missing';
		END IF;
		RETURN 0;
	END IF;
	FOR r IN SELECT * FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT max_entries LOOP
		p := h_hash;
		h_seq := h_seq + 1;
		h_hash := audit_entry_hash(p, h_seq, r.user_id, r.organisation_id, r.role, r.action, r.uprn, r.subject_kind, r.subject_id,
			r.purpose, r.reference, r.detail, r.matrix_version, r.client, r.session_ref, r.at);
		UPDATE audit_events SET seq = h_seq, prev_hash = p, hash = h_hash WHERE id = r.id;
		IF h_seq % 1000 = 0 THEN
			INSERT INTO audit_anchors (seq, hash) VALUES (h_seq, h_hash) ON CONFLICT DO NOTHING;
		END IF;
		n := n + 1;
	END LOOP;
	IF n = 0 THEN
		RETURN 0;
	END IF;
	UPDATE audit_chain_head SET seq = h_seq, hash = h_hash, prev_hash = p WHERE id = 1;
	IF NOT EXISTS (SELECT 1 FROM audit_anchors a WHERE a.at > now() - interval '1 day') THEN
		INSERT INTO audit_anchors (seq, hash) VALUES (h_seq, h_hash) ON CONFLICT DO NOTHING;
	END IF;
	RETURN n;
END $$;--> statement-breakpoint
DROP FUNCTION audit_append(jsonb);
