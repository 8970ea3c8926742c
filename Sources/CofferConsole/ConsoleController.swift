import Foundation
public import HTTPSupport
import HTTPTypes
public import Hummingbird
public import KMS
import KMSAPI
import NIOCore
public import ObjectStore
import SigV4

/// The console at `/_coffer/console/`: the page and its files, and the JSON routes only the console needs.
///
/// The page is a client written by hand (Assets/, docs/console.md): it signs every call with SigV4 in the browser
/// and uses the S3 and KMS APIs themselves, so what a person sees and may do there is exactly what their IAM and key
/// policies allow. The routes here add what those APIs do not have: who signed (`api/whoami`), the live counters
/// (`api/live`, root only), the lecture's experiment (`api/experiment`, root only), the request inspector
/// (`api/requests`, root only) and an object's envelope (`api/envelope`, authorized as `s3:GetObject`).
public struct ConsoleController: Sendable {
    let catalog: ConsoleAssetCatalog
    let authenticator: RequestAuthenticator
    let gate: RootOnlyGate
    let kms: KeyManagementService
    let store: ObjectStore
    let inspector: RequestInspector
    let experiment: ConsoleExperiment
    let accountId: String
    let region: String

    /// Creates the console's routes.
    /// - Parameter assetsFolder: serve the files of this folder, read at each request, instead of the embedded ones
    ///   (console development: `COFFER_CONSOLE_ASSETS`).
    public init(
        authenticator: RequestAuthenticator, kms: KeyManagementService, store: ObjectStore,
        inspector: RequestInspector, experiment: ConsoleExperiment, accountId: String, region: String,
        assetsFolder: String? = nil
    ) {
        self.catalog = ConsoleAssetCatalog(folder: assetsFolder)
        self.authenticator = authenticator
        self.gate = RootOnlyGate(authenticator: authenticator)
        self.kms = kms
        self.store = store
        self.inspector = inspector
        self.experiment = experiment
        self.accountId = accountId
        self.region = region
    }

    /// Registers the console's routes under `/_coffer/console`.
    public func addRoutes(to router: Router<CofferRequestContext>) {
        let group = router.group("_coffer/console")
        group.get(use: self.page)
        group.get("assets/:name", use: self.asset)
        group.get("api/whoami", use: self.whoami)
        group.get("api/live", use: self.live)
        group.get("api/experiment", use: self.experimentState)
        group.post("api/experiment", use: self.startExperiment)
        group.get("api/requests", use: self.requests)
        group.get("api/envelope", use: self.envelope)
    }

    /// `GET /_coffer/console/`: the page, never cached for long (it names the current files' versions). Without the
    /// final `/`, a redirect to it, so the page's relative `assets/` references resolve under the console.
    @Sendable func page(_ request: Request, context: CofferRequestContext) -> Response {
        guard request.uri.path.hasSuffix("/") else {
            return Self.answer(.movedPermanently, headers: [.location: "/_coffer/console/"], context: context)
        }
        guard let index = catalog.index() else {
            return Self.error(.notFound, "NotFound", "The console's files are missing from this build.", context)
        }
        return Self.serve(index, request, cacheControl: "no-cache", context: context)
    }

    /// `GET /_coffer/console/assets/NAME`: one file, cached for a year when asked for by its current version
    /// (`?v=`), which changes with its bytes.
    @Sendable func asset(_ request: Request, context: CofferRequestContext) -> Response {
        guard let name = context.parameters.get("name"), name != ConsoleAssetCatalog.indexName,
            let asset = catalog.asset(named: name)
        else {
            return Self.error(.notFound, "NotFound", "No such console file.", context)
        }
        let current = request.uri.queryParameters.get("v") == asset.version
        return Self.serve(
            asset, request, cacheControl: current ? "public, max-age=31536000, immutable" : "no-cache",
            context: context)
    }

    /// `GET /_coffer/console/api/whoami`: who signed the request (the console's sign-in check).
    @Sendable func whoami(_ request: Request, context: CofferRequestContext) -> Response {
        do throws(SigV4Error) {
            let principal = try authenticator.authenticate(
                request, service: nil, bodySHA256: SigV4Verifier.emptyPayloadSHA256)
            return Self.json(ConsoleIdentity(principal, region: region), context: context)
        } catch {
            let wire = KMSWireError(error)
            return Self.error(.forbidden, wire.type, wire.message, context)
        }
    }
}
