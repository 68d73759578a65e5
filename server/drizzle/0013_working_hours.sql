CREATE TABLE "pending_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"chat_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"body" text NOT NULL,
	"reply_to_id" bigint,
	"mentions" integer[] DEFAULT '{}' NOT NULL,
	"mentions_all" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"deliver_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "written_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "working_hours" jsonb;--> statement-breakpoint
ALTER TABLE "pending_messages" ADD CONSTRAINT "pending_messages_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_messages" ADD CONSTRAINT "pending_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_messages" ADD CONSTRAINT "pending_messages_reply_to_id_messages_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_messages_client_key" ON "pending_messages" USING btree ("chat_id","author_id","client_id");--> statement-breakpoint
CREATE INDEX "pending_messages_due_idx" ON "pending_messages" USING btree ("deliver_at","id");--> statement-breakpoint
CREATE INDEX "pending_messages_author_idx" ON "pending_messages" USING btree ("author_id","chat_id");--> statement-breakpoint
CREATE INDEX "messages_delivery_idx" ON "messages" USING btree ("school_id","created_at") WHERE "messages"."delivery" is not null;