from ninja import Router

router = Router(tags=["plugin"])


@router.get("/plugin/ping", auth=None)
def ping(request):
    return {"pong": True}
