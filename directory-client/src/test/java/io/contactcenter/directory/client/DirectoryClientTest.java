package io.contactcenter.directory.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which directory answers fault tolerance may retry: only those that can pass later. */
class DirectoryClientTest {

    @Test
    void refusalsAreRejectedAndNeverRetried() {
        for (int status : new int[] { 400, 403, 404, 409, 422 }) {
            DirectoryException failure = DirectoryClient.translate(status, null);
            assertInstanceOf(DirectoryException.Rejected.class, failure, "status " + status);
            assertTrue(failure.permanent());
            assertEquals(status, failure.status());
        }
    }

    @Test
    void transientFailuresStayRetryable() {
        // 401 is about our token (renewed by then), 408/429 about the moment, 5xx and no answer about the directory
        for (int status : new int[] { 0, 401, 408, 429, 500, 503 }) {
            DirectoryException failure = DirectoryClient.translate(status, null);
            assertFalse(failure instanceof DirectoryException.Rejected, "status " + status);
            assertFalse(failure.permanent());
        }
    }

    @Test
    void onlyNotFoundAndConflictProveTheThingGone() {
        assertTrue(DirectoryClient.translate(404, null).provesGone());
        assertTrue(DirectoryClient.translate(409, null).provesGone());
        assertFalse(DirectoryClient.translate(403, null).provesGone());
        assertFalse(DirectoryClient.translate(503, null).provesGone());
    }

    @Test
    void absentDepartmentSettingsTakeTheirDefaults() {
        DirectoryModel.Department menuOnly = new DirectoryModel.Department("d1", 1, "Sales", " ");
        assertEquals("Sales", menuOnly.spoken());
        assertTrue(menuOnly.hasMusicOnHold());
        assertTrue(menuOnly.takesVoicemail());
        assertTrue(menuOnly.wantsSurveys());
    }
}
