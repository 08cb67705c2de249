import { asinDashboard } from './asin-dashboard.ts';
import { crawlDashboard } from './crawl-dashboard.ts';
import type { Dashboard } from './dashboard-routes.ts';
import { moversDashboard } from './movers-dashboard.ts';
import { productsDashboard } from './products-dashboard.ts';
import { salesDashboard } from './sales-dashboard.ts';

/** The console's dashboards: served as streams, and read by the Impact panel for the panels each table feeds. */
export const DASHBOARDS: readonly Dashboard<string>[] = [salesDashboard, productsDashboard, moversDashboard, asinDashboard, crawlDashboard];
