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
    /** Hold music for waiting callers: this URL, else the gateway's built-in track; false = silence. */
    @Column(name = "music_on_hold")
    public boolean musicOnHold;
    @Column(name = "music_on_hold_url")
    public String musicOnHoldUrl;
    /** Whether callers outside the opening hours may leave a message. */
    @Column(name = "voicemail_enabled")
    public boolean voicemailEnabled;
    /** How often a waiting caller hears their place in line and expected wait; 0 = never. */
    @Column(name = "announcement_interval_seconds")
    public int announcementIntervalSeconds;
    /** How long a caller waits before being offered a callback that keeps their place; 0 = never offered. */
    @Column(name = "callback_offer_seconds")
    public int callbackOfferSeconds;
    /** How often an unanswered callback is tried again before it is recorded as failed. */
    @Column(name = "callback_retries")
    public int callbackRetries;
    /** Call recording: {@code off}, {@code on} (every answered call) or {@code on-request} (when the agent asks). */
    public String recording;
    /** Whether calls transferred into the department go ahead of its waiting callers (routing's cold transfers). */
    @Column(name = "transfer_priority")
    public boolean transferPriority;
    /** The validated opening-hours document (JSON, {@code OpeningHoursDto}); null = always open. */
    @Column(name = "opening_hours")
    public String openingHours;
}
