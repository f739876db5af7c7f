package dev.stallkeeper.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All HTTP APIs live under /api: the KooGallery production address, health and (later) the admin API. */
@ApplicationPath("/api")
public class StallkeeperApplication extends Application {
}
