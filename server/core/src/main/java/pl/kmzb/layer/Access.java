package pl.kmzb.layer;

/** Who may see a layer: anyone, or police users (HTTP Basic or a bearer token). */
public enum Access { PUBLIC, POLICE }
