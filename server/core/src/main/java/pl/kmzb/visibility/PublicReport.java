package pl.kmzb.visibility;

import java.time.Instant;
import java.time.LocalDate;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;

/**
 * What the public may see of one report, made only by {@link VisibilityPolicy#show}: every public
 * output (tiles, report view, and later WMS, WFS, statistics) draws from these fields and no other.
 *
 * @param location where the public sees it: the true spot, or the centre of its grid cell for
 *     generalised categories
 * @param generalisedToMetres the grid size, 0 when the location is exact
 * @param areas the TERYT areas of {@code location} (not of the true spot): an area filter on a
 *     generalised report can tell no more than its cell centre does
 * @param description the description once an officer published it, else null
 */
public record PublicReport(
    long id,
    String category,
    Status status,
    Instant reportedAt,
    LocalDate occurredOn,
    TimeOfDay timeOfDay,
    LonLat location,
    int generalisedToMetres,
    Teryt areas,
    String description) {}
