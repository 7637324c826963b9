import { ErrorBoundary, LocationProvider, Route, Router, lazy } from "preact-iso";
import { Layout } from "./components/Layout";
import { NotFound } from "./components/states";
import { PaperPage } from "./pages/Paper";

// The paper page (where most people land) ships in the first bundle; the other pages, and the
// chart and graph libraries they use, load when first opened.
const Home = lazy(() => import("./pages/Home").then((m) => m.HomePage));
const Task = lazy(() => import("./pages/Task").then((m) => m.TaskPage));
const Leaderboard = lazy(() => import("./pages/Leaderboard").then((m) => m.LeaderboardPage));
const Search = lazy(() => import("./pages/Search").then((m) => m.SearchPage));
const Dataset = lazy(() => import("./pages/Dataset").then((m) => m.DatasetPage));
const Method = lazy(() => import("./pages/Method").then((m) => m.MethodPage));
const Areas = lazy(() => import("./pages/Areas").then((m) => m.AreasPage));
const PapersList = lazy(() => import("./pages/Lists").then((m) => m.PapersListPage));
const DatasetsList = lazy(() => import("./pages/Lists").then((m) => m.DatasetsListPage));
const MethodsList = lazy(() => import("./pages/Lists").then((m) => m.MethodsListPage));
const SotaList = lazy(() => import("./pages/Lists").then((m) => m.SotaListPage));
const About = lazy(() => import("./pages/Lists").then((m) => m.AboutPage));
const Explorer = lazy(() => import("./pages/Explorer").then((m) => m.ExplorerPage));
const Author = lazy(() => import("./pages/Author").then((m) => m.AuthorPage));
const Submit = lazy(() => import("./pages/Submit").then((m) => m.SubmitPage));
const MySubmissions = lazy(() => import("./pages/Submissions").then((m) => m.MySubmissionsPage));
const Moderation = lazy(() => import("./pages/Submissions").then((m) => m.ModerationPage));

export function App() {
  return (
    <LocationProvider>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/paper/:slug" component={PaperPage} />
            <Route path="/task/:name" component={Task} />
            <Route path="/leaderboard/:task/:dataset" component={Leaderboard} />
            <Route path="/author/:name" component={Author} />
            <Route path="/dataset/:name" component={Dataset} />
            <Route path="/method/:name" component={Method} />
            <Route path="/search" component={Search} />
            <Route path="/areas" component={Areas} />
            <Route path="/papers" component={PapersList} />
            <Route path="/datasets" component={DatasetsList} />
            <Route path="/methods" component={MethodsList} />
            <Route path="/sota" component={SotaList} />
            <Route path="/about" component={About} />
            <Route path="/explore/:id" component={Explorer} />
            <Route path="/submit" component={Submit} />
            <Route path="/submissions" component={MySubmissions} />
            <Route path="/moderation" component={Moderation} />
            <Route default component={() => <NotFound />} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}
