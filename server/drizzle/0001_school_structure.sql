CREATE TABLE "classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"grade" integer NOT NULL,
	"letter" text NOT NULL,
	"academic_year" integer NOT NULL,
	"class_teacher_id" integer,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"class_id" integer NOT NULL,
	"parent_id" integer NOT NULL,
	CONSTRAINT "committee_members_class_id_parent_id_pk" PRIMARY KEY("class_id","parent_id")
);
--> statement-breakpoint
CREATE TABLE "guardianships" (
	"parent_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	CONSTRAINT "guardianships_parent_id_student_id_pk" PRIMARY KEY("parent_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "subject_teachers" (
	"class_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"subject" text NOT NULL,
	CONSTRAINT "subject_teachers_class_id_teacher_id_subject_pk" PRIMARY KEY("class_id","teacher_id","subject")
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "structural_key" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "class_id" integer;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "academic_year" integer;--> statement-breakpoint
UPDATE "schools" SET "academic_year" = extract(year from now() - interval '6 months')::integer;--> statement-breakpoint
ALTER TABLE "schools" ALTER COLUMN "academic_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "subject_teachers_in_parent_chats" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "class_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_class_teacher_id_users_id_fk" FOREIGN KEY ("class_teacher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_parent_id_users_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_parent_id_users_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_teachers" ADD CONSTRAINT "subject_teachers_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_teachers" ADD CONSTRAINT "subject_teachers_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classes_name_key" ON "classes" USING btree ("school_id","academic_year","grade","letter") WHERE "classes"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "guardianships_student_idx" ON "guardianships" USING btree ("student_id");--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chats_structural_key" ON "chats" USING btree ("school_id","structural_key");