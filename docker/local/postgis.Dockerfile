# Stand-in for postgis/postgis:15-3.4 made from a local Debian base (docker/local-base.sh). Its
# entrypoint honours what the compose file uses of the official image: POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB (created with PostGIS), the data in /var/lib/postgresql/data,
# scripts in /docker-entrypoint-initdb.d, and the server as the container's main process.
ARG BASE=kmzb-local/debian:bookworm
FROM ${BASE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15-postgis-3 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /docker-entrypoint-initdb.d /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 5432
STOPSIGNAL SIGINT
CMD ["postgres"]
