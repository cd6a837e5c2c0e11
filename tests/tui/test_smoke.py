from .helpers import SIZE, login


async def test_login_reaches_counter(app):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        assert app.actor is not None and app.actor.name == "Nguyễn Thị Lan"
