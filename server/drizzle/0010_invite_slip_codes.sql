ALTER TABLE "invites" ADD COLUMN "code_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "invites_code_key" ON "invites" USING btree ("code_hash");