package pl.kmzb.report;

/** Police roles of the KMZB workflow, from the Chief of Police's guidelines. */
public enum Role {
  /** Neighbourhood, traffic, patrol or criminal officer verifying reports in their unit's area. */
  OFFICER,
  /** Coordinator in a county or city police headquarters (KPP/KMP); takes up every new report. */
  LOCAL_COORDINATOR,
  /** Oversees a voivodeship; may correct any status there. */
  VOIVODESHIP_COORDINATOR,
  /** May do anything anywhere. */
  ADMINISTRATOR
}
