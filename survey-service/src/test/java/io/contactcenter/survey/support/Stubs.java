package io.contactcenter.survey.support;

/** The HTTP stubs of one test JVM (the layers below the survey service: Vonage and the agent directory). */
public final class Stubs {

    private static Stubs shared;

    public final VonageStub vonage;
    public final DirectoryStub directory;

    private Stubs() throws Exception {
        vonage = new VonageStub();
        directory = new DirectoryStub();
    }

    public static synchronized Stubs shared() {
        if (shared == null) {
            try {
                shared = new Stubs();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the HTTP stubs", e);
            }
        }
        return shared;
    }
}
