ALTER TABLE "schools" ADD COLUMN "join_code" text;--> statement-breakpoint
UPDATE "schools" SET "join_code" = lpad((floor(random() * 100000000))::bigint::text, 8, '0');--> statement-breakpoint
ALTER TABLE "schools" ALTER COLUMN "join_code" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "schools_join_code_key" ON "schools" USING btree ("join_code");
