package io.contactcenter.directory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** A department callers reach by pressing its IVR digit. */
@Entity
public class Department {

    @Id
    public UUID id;
    public int digit;
    public String name;
    @Column(name = "spoken_name")
    public String spokenName;
    @Column(name = "max_wait_seconds")
    public int maxWaitSeconds;
    @Column(name = "ringing_timeout_seconds")
    public int ringingTimeoutSeconds;
    @Column(name = "wrap_up_seconds")
    public int wrapUpSeconds;
    @Column(name = "max_attempts")
    public int maxAttempts;
    @Column(name = "survey_enabled")
    public boolean surveyEnabled;
}
