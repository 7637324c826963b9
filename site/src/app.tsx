import { ErrorBoundary, LocationProvider, Route, Router, lazy } from "preact-iso";
import { Layout } from "./components/Layout";
import { NotFound } from "./components/states";
import { PaperPage } from "./pages/Paper";

// The paper page (where most people land) ships in the first bundle; the other pages, and the
// chart and graph libraries they use, load when first opened.
const Home = lazy(() => import("./pages/Home").then((m) => m.HomePage));
const Author = lazy(() => import("./pages/Author").then((m) => m.AuthorPage));

export function App() {
  return (
    <LocationProvider>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/paper/:slug" component={PaperPage} />
            <Route path="/author/:name" component={Author} />
            <Route default component={() => <NotFound />} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}
