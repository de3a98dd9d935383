-- Family doctors' workspace (issue 12): health record, care-plan history, follow-ups,
-- doctors' own alert channel, and the FHIR push channel for medical partners.

-- Common chronic conditions (ICD-10) a doctor picks from; follow_up_days is the default interval
-- (China's basic public health service: hypertension and type 2 diabetes at least every 90 days).
CREATE TABLE condition_catalogue (
    icd10          TEXT PRIMARY KEY,
    name_zh        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    follow_up_days INT
);
INSERT INTO condition_catalogue (icd10, name_zh, name_en, follow_up_days) VALUES
    ('I10',   '原发性高血压',       'Essential hypertension', 90),
    ('E11',   '2型糖尿病',          'Type 2 diabetes mellitus', 90),
    ('I25',   '慢性缺血性心脏病',   'Chronic ischaemic heart disease', 90),
    ('I50',   '心力衰竭',           'Heart failure', 30),
    ('I48',   '心房颤动和扑动',     'Atrial fibrillation and flutter', 90),
    ('I63',   '脑梗死',             'Cerebral infarction', 90),
    ('I69',   '脑血管病后遗症',     'Sequelae of cerebrovascular disease', 90),
    ('J44',   '慢性阻塞性肺疾病',   'Chronic obstructive pulmonary disease', 90),
    ('J45',   '哮喘',               'Asthma', 180),
    ('N18',   '慢性肾脏病',         'Chronic kidney disease', 90),
    ('E78',   '高脂血症',           'Disorders of lipoprotein metabolism', 180),
    ('E03',   '甲状腺功能减退症',   'Hypothyroidism', 180),
    ('M81',   '骨质疏松',           'Osteoporosis', 180),
    ('M17',   '膝关节病',           'Gonarthrosis (knee osteoarthritis)', 180),
    ('G30',   '阿尔茨海默病',       'Alzheimer disease', 90),
    ('F03',   '痴呆',               'Dementia', 90),
    ('G20',   '帕金森病',           'Parkinson disease', 90),
    ('F32',   '抑郁发作',           'Depressive episode', 90),
    ('H25',   '老年性白内障',       'Senile cataract', 365),
    ('K21',   '胃食管反流病',       'Gastro-oesophageal reflux disease', 180),
    ('B18',   '慢性病毒性肝炎',     'Chronic viral hepatitis', 180),
    ('A15',   '肺结核',             'Respiratory tuberculosis', 30),
    ('E66',   '肥胖',               'Obesity', 180),
    ('N40',   '前列腺增生',         'Hyperplasia of prostate', 180);

-- One health record (健康档案) per elder; conditions and medications in their own tables.
CREATE TABLE health_record (
    elder_id    BIGINT PRIMARY KEY REFERENCES elder (id) ON DELETE CASCADE,
    blood_type  TEXT CHECK (blood_type IN ('A', 'B', 'AB', 'O', 'A-', 'B-', 'AB-', 'O-', 'UNKNOWN')),
    care_level  TEXT CHECK (care_level IN ('SELF_CARE', 'MILD', 'MODERATE', 'SEVERE')),
    allergies   TEXT[] NOT NULL DEFAULT '{}',
    notes       TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by  BIGINT REFERENCES app_user (id)
);

-- A diagnosed condition and its follow-up plan (interval, next due date).
CREATE TABLE elder_condition (
    id              BIGSERIAL PRIMARY KEY,
    elder_id        BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    icd10           TEXT NOT NULL CHECK (icd10 ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$'),
    name            TEXT NOT NULL,
    diagnosed_on    DATE,
    follow_up_days  INT CHECK (follow_up_days BETWEEN 1 AND 3650),
    next_follow_up  DATE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (elder_id, icd10)
);
CREATE INDEX elder_condition_due_idx ON elder_condition (next_follow_up) WHERE next_follow_up IS NOT NULL;

CREATE TABLE elder_medication (
    id          BIGSERIAL PRIMARY KEY,
    elder_id    BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    position    INT NOT NULL,
    name        TEXT NOT NULL,
    dose        TEXT,
    schedule    TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX elder_medication_elder_idx ON elder_medication (elder_id, position);

-- Every change of an elder's care plan: who, when, before and after.
CREATE TABLE care_plan_change (
    id          BIGSERIAL PRIMARY KEY,
    elder_id    BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id     BIGINT,
    username    TEXT NOT NULL,
    before_plan JSONB NOT NULL,
    after_plan  JSONB NOT NULL
);
CREATE INDEX care_plan_change_elder_idx ON care_plan_change (elder_id, at DESC);

-- A follow-up done (随访): way, measurements taken, notes, next date.
CREATE TABLE follow_up (
    id              BIGSERIAL PRIMARY KEY,
    elder_id        BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    icd10           TEXT,
    done_on         DATE NOT NULL,
    way             TEXT NOT NULL CHECK (way IN ('VISIT', 'PHONE', 'CLINIC')),
    sbp             INT,
    dbp             INT,
    glucose         DOUBLE PRECISION,
    notes           TEXT,
    next_due        DATE,
    doctor_user_id  BIGINT REFERENCES app_user (id),
    doctor_name     TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_elder_idx ON follow_up (elder_id, done_on DESC);

-- A doctor's own channel for early warnings of their contracted elders (optional, off by default).
CREATE TABLE doctor_alert_channel (
    doctor_user_id  BIGINT PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    channel         TEXT NOT NULL CHECK (channel IN ('SMS', 'WEBHOOK')),
    address         TEXT NOT NULL,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Medical partners may receive incidents as FHIR R4 transaction Bundles (url = the FHIR base).
ALTER TABLE notification_endpoint DROP CONSTRAINT notification_endpoint_channel_check;
ALTER TABLE notification_endpoint ADD CONSTRAINT notification_endpoint_channel_check
    CHECK (channel IN ('WEBHOOK', 'SMS', 'VOICE', 'FHIR'));
