package pl.kmzb.indicator;

import pl.kmzb.boundary.BoundaryLevel;

/** The number of inhabitants of an area in a year (GUS), as imported. */
public record PopulationValue(BoundaryLevel level, String code, int year, long population) {}
