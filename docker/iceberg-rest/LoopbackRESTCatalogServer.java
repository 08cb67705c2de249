// Iceberg's own REST catalog server (org.apache.iceberg.rest.RESTCatalogServer, shipped as the
// runnable iceberg-open-api jar), with one change: it binds to a chosen host instead of every
// interface, because upstream builds its Jetty server with `new Server(port)` (0.0.0.0).
//
// Configuration is upstream's: CATALOG_* environment variables become catalog properties
// (CATALOG_ stripped, "__" -> "-", "_" -> ".", lower-cased), e.g. CATALOG_URI -> uri,
// CATALOG_IO__IMPL -> io-impl, CATALOG_REST_PORT -> rest.port. CATALOG_REST_HOST -> rest.host
// is the one property added here.
//
// It lives in upstream's package to reuse its package-private adapter, which also hands S3
// credentials to clients when CATALOG_INCLUDE__CREDENTIALS=true.
package org.apache.iceberg.rest;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.relocated.com.google.common.collect.Maps;
import org.apache.iceberg.util.PropertyUtil;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

public final class LoopbackRESTCatalogServer {
  private LoopbackRESTCatalogServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> config = Maps.newHashMap(RCKUtils.environmentCatalogConfig());
    // Upstream's defaults, except that a warehouse and a catalog URI are required here:
    // the fixture's in-memory SQLite and temp-dir warehouse would not survive a restart.
    config.putIfAbsent(CatalogProperties.CATALOG_IMPL, JdbcCatalog.class.getName());
    config.putIfAbsent("jdbc.schema-version", "V1");
    for (String required : new String[] {CatalogProperties.URI, CatalogProperties.WAREHOUSE_LOCATION}) {
      if (config.get(required) == null) {
        throw new IllegalArgumentException("missing catalog property '" + required + "'");
      }
    }

    String name = PropertyUtil.propertyAsString(config, RESTCatalogServer.CATALOG_NAME, "rest_backend");
    Catalog catalog = CatalogUtil.buildIcebergCatalog(name, config, new Configuration());
    RESTCatalogAdapter adapter =
        new RESTServerCatalogAdapter(new RESTCatalogServer.CatalogContext(catalog, config));

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
    context.insertHandler(new GzipHandler());

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(PropertyUtil.propertyAsString(config, "rest.host", "127.0.0.1"));
    connector.setPort(PropertyUtil.propertyAsInt(config, RESTCatalogServer.REST_PORT, 8181));
    server.addConnector(connector);
    server.setHandler(context);
    // SIGTERM from `local-stack down` stops Jetty cleanly; SQLite has committed every change.
    server.setStopAtShutdown(true);
    server.start();
    server.join();
  }
}
