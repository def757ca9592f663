"""The store's tables, as the forward migrations that build them.

``MIGRATIONS[n]`` takes a store from schema version ``n`` to ``n + 1``. A store
file is only ever changed by these steps, so every table and column it can hold
is written here, in the order it arrived.
"""

__all__ = ["MIGRATIONS", "PG_AFTER", "SCHEMA_VERSION"]

MIGRATIONS: list[str] = [
    """
    CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        question TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'nb',
        join_code TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    CREATE TABLE ideas (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        participant_group TEXT NOT NULL,
        session_id TEXT NOT NULL DEFAULT '',
        hidden INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        seq INTEGER NOT NULL UNIQUE
    );
    CREATE INDEX ideas_by_workshop ON ideas (workshop_id, seq);
    CREATE INDEX ideas_by_session ON ideas (workshop_id, session_id);
    """,
    """
    CREATE TABLE stakeholders (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        interest INTEGER NOT NULL,
        influence INTEGER NOT NULL,
        affected TEXT NOT NULL DEFAULT '',
        strategy TEXT NOT NULL DEFAULT '',
        justification TEXT NOT NULL DEFAULT '',
        contact_role TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE INDEX stakeholders_by_workshop ON stakeholders (workshop_id, created);
    CREATE TABLE relations (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 1.0
    );
    CREATE INDEX relations_by_workshop ON relations (workshop_id);
    CREATE TABLE stakeholder_moves (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        interest INTEGER NOT NULL,
        influence INTEGER NOT NULL,
        moved_by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX moves_by_stakeholder ON stakeholder_moves (stakeholder_id, n);
    CREATE TABLE revisions (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (workshop_id, topic)
    );
    """,
    """
    ALTER TABLE workshops ADD COLUMN masking INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE workshops ADD COLUMN delete_after TEXT;
    CREATE TABLE privacy_log (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE TABLE masked_counts (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (workshop_id, kind)
    );
    """,
    """
    CREATE TABLE journeys (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        "case" TEXT NOT NULL DEFAULT '',
        variant TEXT NOT NULL,
        phases TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX journeys_by_workshop ON journeys (workshop_id, created);
    CREATE TABLE journey_steps (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        phase TEXT NOT NULL,
        service TEXT NOT NULL,
        touchpoint TEXT NOT NULL,
        what TEXT NOT NULL,
        experience INTEGER NOT NULL DEFAULT 0,
        pain_point TEXT NOT NULL DEFAULT '',
        quote TEXT NOT NULL DEFAULT '',
        wait_days INTEGER,
        coordinator TEXT NOT NULL DEFAULT '',
        family_carries_info INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE INDEX steps_by_journey ON journey_steps (journey_id, position);
    """,
    """
    CREATE TABLE themes (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        label TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        benefit INTEGER,
        effort INTEGER,
        PRIMARY KEY (workshop_id, id)
    );
    CREATE TABLE idea_themes (
        idea_id TEXT PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        theme_id TEXT NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idea_themes_by_workshop ON idea_themes (workshop_id, theme_id);
    CREATE TABLE idea_merges (
        idea_id TEXT PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
        into_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE
    );
    CREATE TABLE voting (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        dots INTEGER NOT NULL,
        state TEXT NOT NULL
    );
    CREATE TABLE dots (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        participant_group TEXT NOT NULL,
        on_paper INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE INDEX dots_by_session ON dots (workshop_id, session_id);
    CREATE TABLE stances (
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_group TEXT NOT NULL,
        stance TEXT NOT NULL,
        on_paper INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        PRIMARY KEY (idea_id, session_id)
    );
    CREATE TABLE concepts (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        target_group TEXT NOT NULL DEFAULT '',
        theme_ids TEXT NOT NULL DEFAULT '[]',
        stakeholder_ids TEXT NOT NULL DEFAULT '[]',
        next_step TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    ALTER TABLE ideas ADD COLUMN on_paper INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE arrivals (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        "group" TEXT NOT NULL,
        stakeholder_id TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, session_id)
    );
    CREATE TABLE evaluations (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        voice INTEGER NOT NULL,
        change TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        UNIQUE (workshop_id, session_id)
    );
    CREATE TABLE stages (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        step INTEGER NOT NULL DEFAULT 0,
        step_started TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE concept_feedback (
        concept_id TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_group TEXT NOT NULL,
        stance TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        PRIMARY KEY (concept_id, session_id)
    );
    """,
    # Value keys folded one way (lower-case ASCII): touchpoints were stored with ø.
    """
    UPDATE journey_steps SET touchpoint = 'mote' WHERE touchpoint = 'møte';
    UPDATE journey_steps SET touchpoint = 'hjemmebesok' WHERE touchpoint = 'hjemmebesøk';
    """,
    # The groups a workshop offers ('[]': the kit's default set); ideas deleted for real, kept as an
    # id and a change number only, so a live wall learns that they went (never their text).
    """
    ALTER TABLE workshops ADD COLUMN "groups" TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE idea_deletions (
        idea_id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL UNIQUE
    );
    CREATE INDEX idea_deletions_by_workshop ON idea_deletions (workshop_id, seq);
    """,
    # How many participants the facilitator expects, and when that was said: the server keeps
    # that many pages warm for a few hours (server/app.py, SamskapingRoom).
    """
    CREATE TABLE expected_rooms (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        participants INTEGER NOT NULL CHECK (participants >= 0),
        at TEXT NOT NULL
    );
    """,
    # The project above the workshops (KS' veikart phase, the municipalities taking part) and the
    # registers that outlive a workshop: risks, critical success factors, goals and the concepts
    # that serve them. Every workshop stored before gets a project of its own, named after it.
    """
    CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        phase TEXT NOT NULL DEFAULT 'forankring',
        municipalities TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL
    );
    ALTER TABLE workshops ADD COLUMN project_id TEXT REFERENCES projects(id) ON DELETE SET NULL;
    INSERT INTO projects (id, title, phase, created)
        SELECT 'p' || id, title,
               CASE phase WHEN 'innsikt' THEN 'innsikt' WHEN 'ide' THEN 'tjenesteutvikling'
                          WHEN 'utforming' THEN 'pilotering' WHEN 'implementering' THEN 'overgang_til_drift'
                          ELSE 'forankring' END,
               created
        FROM workshops;
    UPDATE workshops SET project_id = 'p' || id;
    CREATE INDEX workshops_by_project ON workshops (project_id);
    CREATE TABLE risks (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        nr INTEGER NOT NULL,
        title TEXT NOT NULL,
        likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 5),
        measures TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'apen',
        created TEXT NOT NULL
    );
    CREATE INDEX risks_by_project ON risks (project_id, nr);
    CREATE TABLE success_factors (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        nr INTEGER NOT NULL,
        title TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
        consequences TEXT NOT NULL DEFAULT '[]',
        risk_nr INTEGER NOT NULL DEFAULT 0,
        measures TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE goals (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        nr INTEGER NOT NULL,
        level TEXT NOT NULL,
        text TEXT NOT NULL,
        indicator TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        "when" TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        parent_id TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE INDEX goals_by_project ON goals (project_id, nr);
    CREATE TABLE goal_links (
        goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        concept_id TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
        PRIMARY KEY (goal_id, concept_id)
    );
    """,
    # A risk round: each phone's rating of each risk of the project, one per device and risk.
    """
    CREATE TABLE risk_ratings (
        risk_id TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 5),
        created TEXT NOT NULL,
        PRIMARY KEY (risk_id, session_id)
    );
    CREATE INDEX risk_ratings_by_workshop ON risk_ratings (workshop_id);
    """,
    # The project's organisation and plan: roles, the responsibility matrix (tasks × roles),
    # the forankringsplan, the meeting plan, milestones and pilots of concepts.
    """
    CREATE TABLE roles (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        holder TEXT NOT NULL DEFAULT '',
        responsibilities TEXT NOT NULL DEFAULT '',
        nr INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        duties TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        nr INTEGER NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE responsibilities (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        role_kind TEXT NOT NULL,
        code TEXT NOT NULL,
        created TEXT NOT NULL,
        UNIQUE (task_id, role_kind)
    );
    CREATE TABLE forankring (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        audience TEXT NOT NULL,
        how TEXT NOT NULL DEFAULT '',
        "when" TEXT NOT NULL DEFAULT '',
        purpose TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        stakeholder_id TEXT NOT NULL DEFAULT '',
        nr INTEGER NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        frequency TEXT NOT NULL DEFAULT '',
        agenda TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT '',
        nr INTEGER NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE milestones (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        due TEXT,
        due_text TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL DEFAULT '',
        done INTEGER NOT NULL DEFAULT 0,
        nr INTEGER NOT NULL,
        actions TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE pilots (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        concept_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        start TEXT,
        "end" TEXT,
        measures TEXT NOT NULL DEFAULT '',
        evaluation TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        nr INTEGER NOT NULL,
        created TEXT NOT NULL
    );
    """,
    # Evaluation over time: the plan for evaluating each goal's indicator, and the measurements
    # (nullpunkt, underveis, slutt). goal_id is no foreign key: a goal hierarchy read in again
    # must not take the measurements with it (they are reported as belonging to no goal instead).
    """
    CREATE TABLE evaluation_plan (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        goal_id TEXT NOT NULL,
        question TEXT NOT NULL,
        method TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        "when" TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '',
        use TEXT NOT NULL DEFAULT '',
        nr INTEGER NOT NULL,
        activity TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE measurements (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        goal_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        measured TEXT NOT NULL,
        value REAL,
        unit TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        indicator TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE INDEX measurements_by_project ON measurements (project_id, measured);
    """,
    # A joint project of several municipalities: each phone may say which kommune it comes from.
    """
    ALTER TABLE arrivals ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
    """,
    # One stakeholder register per project, shared by its workshops: the rows belong to the
    # project and outlive any workshop (deleting or purging a workshop keeps the map).
    # workshop_id is the workshop whose page last saved the row, no longer a foreign key.
    # Tables are rebuilt (SQLite cannot change a foreign key); the migrations run with
    # foreign keys off, so dropping the old table cascades to nothing.
    """
    CREATE TABLE stakeholders_new (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        interest INTEGER NOT NULL,
        influence INTEGER NOT NULL,
        affected TEXT NOT NULL DEFAULT '',
        strategy TEXT NOT NULL DEFAULT '',
        justification TEXT NOT NULL DEFAULT '',
        contact_role TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    INSERT INTO stakeholders_new (id, project_id, workshop_id, name, sector, interest, influence, affected,
                                  strategy, justification, contact_role, notes, channel, frequency, phase, created)
        SELECT s.id, w.project_id, s.workshop_id, s.name, s.sector, s.interest, s.influence, s.affected,
               s.strategy, s.justification, s.contact_role, s.notes, s.channel, s.frequency, s.phase, s.created
        FROM stakeholders s JOIN workshops w ON w.id = s.workshop_id;
    CREATE TABLE relations_new (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL DEFAULT '',
        source_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 1.0
    );
    INSERT INTO relations_new (id, project_id, workshop_id, source_id, target_id, kind, weight)
        SELECT r.id, w.project_id, r.workshop_id, r.source_id, r.target_id, r.kind, r.weight
        FROM relations r JOIN workshops w ON w.id = r.workshop_id;
    DROP TABLE relations;
    DROP TABLE stakeholders;
    ALTER TABLE stakeholders_new RENAME TO stakeholders;
    ALTER TABLE relations_new RENAME TO relations;
    CREATE INDEX stakeholders_by_project ON stakeholders (project_id, created);
    CREATE INDEX relations_by_project ON relations (project_id);
    """,
    # Where a project's risk scores turn middels and høy, when it cuts them otherwise than 5 and 10.
    """
    CREATE TABLE risk_levels (
        project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        middels INTEGER NOT NULL,
        hoy INTEGER NOT NULL
    );
    """,
    # Organisations: a deployment shared by several municipalities keeps each one's projects (and so
    # their workshops) to itself. Everything stored before belongs to the one organisation there was.
    # secret holds the hash of the organisation's staff secret (the default one keeps its file).
    """
    CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    INSERT INTO organisations (id, name, created) VALUES ('standard', 'Standard', '2026-12-07T00:00:00+00:00');
    ALTER TABLE projects ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'standard';
    CREATE INDEX projects_by_organisation ON projects (organisation_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

#: What PostgreSQL runs after a step (by its number) to end where SQLite ends: dropping a table
#: there drops the foreign keys that pointed at it, so the rebuilt register gets them back.
PG_AFTER: dict[int, str] = {
    next(n for n, step in enumerate(MIGRATIONS) if "stakeholders_new" in step): """
    ALTER TABLE stakeholder_moves ADD FOREIGN KEY (stakeholder_id) REFERENCES stakeholders(id) ON DELETE CASCADE;
    ALTER TABLE relations ADD FOREIGN KEY (source_id) REFERENCES stakeholders(id) ON DELETE CASCADE;
    ALTER TABLE relations ADD FOREIGN KEY (target_id) REFERENCES stakeholders(id) ON DELETE CASCADE;
    """,
}
