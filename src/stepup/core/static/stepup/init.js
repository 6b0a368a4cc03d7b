// Progressive enhancement only: every journey works without this script.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
