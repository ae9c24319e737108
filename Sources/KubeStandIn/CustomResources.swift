// How the API server reads the body of a custom resource (the crd.projectcalico.org/v1 kinds)
// on create and update, where it differs from a built-in type. A custom resource is decoded as
// unstructured JSON, so the body must name its own apiVersion and kind: a missing one is a 400,
// an apiVersion other than the path's group/version is a 400, and a kind other than the CRD's is
// a 422 on the `kind` field. (Everything else a CRD object gets is shared with the built-in
// kinds: uid, creationTimestamp, `metadata.generation` 1 on create and +1 on a spec change,
// `resourceVersion` required on PUT, 409 AlreadyExists/Conflict, 404 for a path of the wrong
// scope, since APIPath.parse knows each kind's scope.) Structural-schema pruning is not done.
// Takes: the parsed body and the resource. Gives: nil, or the error answer.
// Cost: O(1).
// Sources: kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go
// and update.go ("the API version in the data (…) does not match the expected API version (…)");
// staging/src/k8s.io/apimachinery/pkg/runtime/error.go (NewMissingKindErr, NewMissingVersionErr);
// apiextensions-apiserver test/integration/validation_test.go (TestCustomResourceValidationErrors
// "bad version" and "bad kind": `kind: Invalid value: "SomethingElse": must be WishIHadChosenNoxu`).

enum CustomResourceBody {
    static func error(in body: JSON, for r: ResourceInfo, rawBody: String) -> HTTPResponse? {
        guard !r.builtIn else { return nil }
        let shown = String(rawBody.prefix(256))
        guard let kind = body["kind"]?.stringValue, !kind.isEmpty else {
            return StatusBody.badRequest("Object 'Kind' is missing in '\(shown)'")
        }
        guard let apiVersion = body["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            return StatusBody.badRequest("Object 'apiVersion' is missing in '\(shown)'")
        }
        if apiVersion != r.apiVersion {
            return StatusBody.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(r.apiVersion))")
        }
        if kind != r.kind {
            return StatusBody.invalid(r, name: body.name ?? "", causes: [
                StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(kind)\": must be \(r.kind)", field: "kind"),
            ])
        }
        return nil
    }
}
